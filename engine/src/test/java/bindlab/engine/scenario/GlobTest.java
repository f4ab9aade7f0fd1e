package bindlab.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bindlab.engine.BadInput;
import org.junit.jupiter.api.Test;

class GlobTest {
    @Test
    void eachPatternCharacterMatchesWhatTheSyntaxSays() {
        assertThat(Glob.of("conn/**", "t").matches("conn/TIME_WAIT/open/accepted/none>none/wild>wild/v4")).isTrue();
        assertThat(Glob.of("conn/**", "t").matches("con/x")).isFalse();
        assertThat(Glob.of("conn/*/open", "t").matches("conn/TIME_WAIT/open")).isTrue();
        assertThat(Glob.of("conn/*/open", "t").matches("conn/TIME_WAIT/x/open")).isFalse(); // '*' stays in a segment
        assertThat(Glob.of("listen/RE?SEADDR>none", "t").matches("listen/REUSEADDR>none")).isTrue();
        assertThat(Glob.of("bound/[nR]*", "t").matches("bound/none>none")).isTrue();
        assertThat(Glob.of("bound/[nR]*", "t").matches("bound/EXCLUSIVEADDRUSE>none")).isFalse();
        // a pattern that starts with an alternative has no literal prefix: every id is tried
        assertThat(Glob.of("{bound,listen}/none>none/**", "t").matches("listen/none>none/wild>wild/v4")).isTrue();
        assertThat(Glob.of("{bound,listen}/none>none/**", "t").matches("empty/none")).isFalse();
        // '>' and '+' are literal, and so are ',' and '}' outside braces
        assertThat(Glob.of("seed/TIME_WAIT/REUSEADDR+EXCLUSIVEADDRUSE>none", "t")
                .matches("seed/TIME_WAIT/REUSEADDR+EXCLUSIVEADDRUSE>none")).isTrue();
        assertThat(Glob.of("a,b}/*", "t").matches("a,b}/x")).isTrue();
        assertThat(Glob.of("a,b}/*", "t").matches("a,c}/x")).isFalse();
        assertThat(Glob.of("conn/*/open", "t").prefix()).isEqualTo("conn/");
        assertThat(Glob.of("{bound,listen}/**", "t").prefix()).isEmpty();
        assertThat(Glob.of("control/fresh-bind", "t").prefix()).isEqualTo("control/fresh-bind");
    }

    @Test
    void aBrokenPatternIsBadInputNamingItsSource() {
        assertThatThrownBy(() -> Glob.of("conn/[", "--scenarios")).isInstanceOf(BadInput.class)
                .hasMessageContaining("--scenarios").hasMessageContaining("'['");
        assertThatThrownBy(() -> Glob.of("{conn/x", "file.scn:3")).isInstanceOf(BadInput.class)
                .hasMessageContaining("file.scn:3").hasMessageContaining("unbalanced");
    }
}
