// One selection syntax: "all", ids, globs with *, **, ?, [..] and {a,b}, commas inside braces kept; typos rejected.
package bindlab.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bindlab.engine.BadInput;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class SelectionTest {
    @Test
    void idsGlobsBracesAndClasses() {
        List<Scenario> all = Catalog.seed();
        assertThat(Selection.of("all", "t").choose(all, "t")).hasSize(16);
        assertThat(Selection.of("seed/*/none>none", "t").choose(all, "t")).hasSize(4);
        assertThat(Selection.of("seed/TIME_WAIT/*,seed/listening/none>none", "t").choose(all, "t")).hasSize(5);
        assertThat(Selection.of("seed/[T]*/none>none", "t").choose(all, "t")).extracting(Scenario::id)
                .containsExactly("seed/TIME_WAIT/none>none");
        assertThat(Selection.of("seed/{TIME_WAIT,listening}/none>none", "t").choose(all, "t")).hasSize(2);
        assertThat(Selection.of("seed/**", "t").choose(all, "t")).hasSize(16);
        assertThat(Selection.of("seed/?STABLISHED/*", "t").choose(all, "t")).hasSize(4);
    }

    @Test
    void theSameSyntaxOverBareIds() {
        List<String> ids = Arrays.asList("seed/TIME_WAIT/none>none", "seed/listening/none>none", "x/y");
        Predicate<String> p = Selection.of("seed/{TIME_WAIT,listening}/*", "--scenarios").over(ids, "--scenarios");
        assertThat(p.test("seed/TIME_WAIT/none>none")).isTrue();
        assertThat(p.test("x/y")).isFalse();
    }

    @Test
    void typosAndBadPatternsAreBadInputNamingTheOption() {
        List<Scenario> all = Catalog.seed();
        assertThatThrownBy(() -> Selection.of("seed/NOPE", "--scenarios").choose(all, "--scenarios"))
                .isInstanceOf(BadInput.class).hasMessage("--scenarios: no scenario matches 'seed/NOPE'; see 'bindlab scenarios list'");
        assertThatThrownBy(() -> Selection.of("seed/{a,b", "--scenarios")).isInstanceOf(BadInput.class)
                .hasMessageContaining("unbalanced '{'");
        assertThatThrownBy(() -> Selection.of("seed/[", "--scenarios")).isInstanceOf(BadInput.class)
                .hasMessageContaining("'[' without a closing ']'");
        assertThatThrownBy(() -> Selection.of("a,,b", "--scenarios")).isInstanceOf(BadInput.class)
                .hasMessageContaining("empty part");
    }
}
