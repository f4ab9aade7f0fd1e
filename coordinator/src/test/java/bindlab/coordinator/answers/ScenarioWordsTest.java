// Scenario ids in words: one scenario in full, several by their common parts with the rest listed or counted.
package bindlab.coordinator.answers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioWordsTest {

    @Test
    void oneConnectionScenario() {
        assertThat(ScenarioWords.describe(AnswersFixtures.E_FW2)).isEqualTo("SO_EXCLUSIVEADDRUSE → SO_EXCLUSIVEADDRUSE"
                + " over an accepted FIN_WAIT_2 connection (handle closed), IPv4, wildcard → wildcard");
    }

    @Test
    void otherShapes() {
        assertThat(ScenarioWords.describe("bound/REUSEADDR>EXCLUSIVEADDRUSE/spec>wild/v4"))
                .isEqualTo("SO_REUSEADDR → SO_EXCLUSIVEADDRUSE over a bound socket, IPv4, specific → wildcard");
        assertThat(ScenarioWords.describe("bound/none>none/wild>wild/v4/other-user"))
                .isEqualTo("no option → no option over a bound socket, IPv4, wildcard → wildcard, second socket another user's");
        assertThat(ScenarioWords.describe("empty/REUSEADDR+EXCLUSIVEADDRUSE/spec/v6"))
                .isEqualTo("SO_REUSEADDR+SO_EXCLUSIVEADDRUSE on a fresh port, IPv6, specific");
        assertThat(ScenarioWords.describe("conn/LAST_ACK/open/accepted/none>none/wild>spec/dual/zerowindow"))
                .isEqualTo("no option → no option over an accepted LAST_ACK connection (handle open, held by a zero"
                        + " window), dual-stack, wildcard → specific");
        // the seed's scenarios read like the catalog's connections (its dims use the catalog's vocabulary)
        assertThat(ScenarioWords.describe("seed/TIME_WAIT/EXCLUSIVEADDRUSE>EXCLUSIVEADDRUSE")).isEqualTo(
                "SO_EXCLUSIVEADDRUSE → SO_EXCLUSIVEADDRUSE over an accepted TIME_WAIT connection (handle closed), IPv4,"
                        + " wildcard → wildcard");
        assertThat(ScenarioWords.describe("listen/REUSEPORT>REUSEPORT/wild>wild/v4"))
                .isEqualTo("SO_REUSEPORT → SO_REUSEPORT over an open listener, IPv4, wildcard → wildcard");
    }

    @Test
    void idsFromAnOlderCatalogAreReadFromTheIdAndUnknownShapesStayIds() {
        // a store written before SYN_RECV's origin was renamed: not in the catalog, still readable
        assertThat(ScenarioWords.describe("conn/SYN_RECV/orphan/accepted/none>none/wild>wild/v4/filter"))
                .isEqualTo("no option → no option over a half-open SYN_RECV connection (accepted, held by a packet"
                        + " filter), IPv4, wildcard → wildcard");
        assertThat(ScenarioWords.describe("mine/odd")).isEqualTo("mine/odd");
    }

    @Test
    void severalScenariosNameTheCommonPartsAndListOrCountTheRest() {
        assertThat(ScenarioWords.describe(List.of(AnswersFixtures.E_FW2, AnswersFixtures.E_TW))).isEqualTo(
                "SO_EXCLUSIVEADDRUSE → SO_EXCLUSIVEADDRUSE over an accepted FIN_WAIT_2/TIME_WAIT connection (handle"
                        + " closed), IPv4, wildcard → wildcard (2 scenarios)");
        List<String> four = List.of("bound/none>none/wild>wild/v4", "bound/REUSEADDR>none/wild>wild/v4",
                "bound/EXCLUSIVEADDRUSE>none/wild>wild/v4", "bound/REUSEPORT>none/wild>wild/v4");
        assertThat(ScenarioWords.describe(four))
                .isEqualTo("4 options → no option over a bound socket, IPv4, wildcard → wildcard (4 scenarios)");
    }
}
