// Tests the netsh excludedportrange parser on canned output written from the documented format.
package bindlab.agent.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExcludedPortRangesTest {
    private static final String ENGLISH = String.join("\r\n",
            "",
            "Protocol tcp Port Exclusion Ranges",
            "",
            "Start Port    End Port",
            "----------    --------",
            "      1080        1080",
            "      5357        5357",
            "     49690       49789",
            "     50000       50059     *",
            "",
            "* - Administered port exclusions.",
            "",
            "");

    /** Headers are translated on localized Windows; only the rule and the rows keep their shape. */
    private static final String GERMAN = String.join("\n",
            "",
            "Portausschlussbereiche für das Protokoll tcp",
            "",
            "Startport    Endport",
            "----------    --------",
            "     50000       50059     *",
            "",
            "* - Verwaltete Portausschlüsse.",
            "");

    private static final String EMPTY_TABLE = String.join("\r\n",
            "",
            "Protocol tcp Port Exclusion Ranges",
            "",
            "Start Port    End Port",
            "----------    --------",
            "",
            "* - Administered port exclusions.",
            "");

    @Test
    void parsesRowsAndAdministeredMarks() {
        List<ExcludedPortRanges.Range> ranges = ExcludedPortRanges.parse(ENGLISH);
        assertThat(ranges).containsExactly(
                new ExcludedPortRanges.Range(1080, 1080, false),
                new ExcludedPortRanges.Range(5357, 5357, false),
                new ExcludedPortRanges.Range(49690, 49789, false),
                new ExcludedPortRanges.Range(50000, 50059, true));
    }

    @Test
    void doesNotDependOnTheEnglishHeader() {
        assertThat(ExcludedPortRanges.parse(GERMAN)).containsExactly(new ExcludedPortRanges.Range(50000, 50059, true));
    }

    @Test
    void anEmptyTableHasNoRanges() {
        assertThat(ExcludedPortRanges.parse(EMPTY_TABLE)).isEmpty();
    }

    @Test
    void outputWithoutATableIsAnError() {
        assertThatThrownBy(() -> ExcludedPortRanges.parse("The following command was not found: int ipv4 show x.\r\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no port exclusion table")
                .hasMessageContaining("The following command was not found");
        assertThatThrownBy(() -> ExcludedPortRanges.parse("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void impossibleRangesAreErrors() {
        String backwards = "----------    --------\n  2000   1000\n";
        assertThatThrownBy(() -> ExcludedPortRanges.parse(backwards))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2000-1000");
        String tooHigh = "----------    --------\n  70000   70001\n";
        assertThatThrownBy(() -> ExcludedPortRanges.parse(tooHigh)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unionMergesV4AndV6WithoutDuplicates() {
        ExcludedPortRanges.Range a = new ExcludedPortRanges.Range(5357, 5357, false);
        ExcludedPortRanges.Range b = new ExcludedPortRanges.Range(1080, 1080, false);
        ExcludedPortRanges.Range c = new ExcludedPortRanges.Range(50000, 50059, true);
        assertThat(ExcludedPortRanges.union(Arrays.asList(a, c), Arrays.asList(c, b)))
                .containsExactly(b, a, c);
        assertThat(ExcludedPortRanges.union(Collections.<ExcludedPortRanges.Range>emptyList(),
                Collections.<ExcludedPortRanges.Range>emptyList())).isEmpty();
    }
}
