// Changes on a synthetic Windows-like fleet: boundaries between adjacent identities, collapsing, left-out counts,
// and the BCD-like ranges.
package bindlab.coordinator.answers;

import static bindlab.coordinator.answers.AnswersFixtures.D_TW;
import static bindlab.coordinator.answers.AnswersFixtures.E_FW2;
import static bindlab.coordinator.answers.AnswersFixtures.E_TW;
import static org.assertj.core.api.Assertions.assertThat;

import bindlab.coordinator.report.Matrix;
import bindlab.proto.v1.CompatReport;
import bindlab.proto.v1.OutcomeRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangesTest {
    private final Changes.Report report = Changes.analyze(Matrix.build(AnswersFixtures.fleet()), id -> true);

    @Test
    void identitiesInVersionOrderWithUbr() {
        assertThat(report.identities().get("windows")).extracting(Identity::version).containsExactly(
                "6.0.6002", "6.1.7601", "6.2.9200", "10.0.14393", "10.0.17763", "10.0.19045.2965", "10.0.19045.3031");
        assertThat(report.identities().get("windows").get(3).name()).isEqualTo("Windows Server 2016");
    }

    @Test
    void scenariosFlippingAtOneBoundaryCollapseIntoOneFinding() {
        assertThat(report.findings()).hasSize(2);
        Changes.Finding f = report.findings().get(0);
        assertThat(f.range()).isEqualTo("changed after 6.1.7601, at or before 6.2.9200");
        assertThat(f.scenarioIds()).containsExactly(E_FW2, E_TW);
        assertThat(f.sentence()).isEqualTo("SO_EXCLUSIVEADDRUSE → SO_EXCLUSIVEADDRUSE over an accepted"
                + " FIN_WAIT_2/TIME_WAIT connection (handle closed), IPv4, wildcard → wildcard (2 scenarios):"
                + " bind:EADDRINUSE up to 6.1.7601, OK from 6.2.9200");
        Changes.Finding patch = report.findings().get(1);
        assertThat(patch.scenarioIds()).containsExactly(D_TW);
        assertThat(patch.range()).isEqualTo("changed after 10.0.19045.2965, at or before 10.0.19045.3031");
        assertThat(patch.before()).isEqualTo("OK");
        assertThat(patch.after()).isEqualTo("bind:EADDRINUSE");
    }

    @Test
    void flakyUntrustedAndNonResultsAreLeftOutAndCounted() {
        assertThat(report.leftOut()).containsEntry("flaky", 1).containsEntry("untrusted", 2)
                .containsEntry("NOT_APPLICABLE", 6);
        // the untrusted 10.0.17763 host says EADDRINUSE for E_FW2; it makes no boundary
        assertThat(report.boundaries()).noneMatch(b -> b.upper().identity().version().equals("10.0.17763")
                || b.lower().identity().version().equals("10.0.17763"));
        assertThat(ChangesText.leftOut(report.leftOut()))
                .isEqualTo("left out: 9 cells (NOT_APPLICABLE 6, flaky 1, untrusted 2)");
    }

    @Test
    void scenarioFilterAndOneIdentityMeanNoChanges() {
        Changes.Report one = Changes.analyze(Matrix.build(AnswersFixtures.fleet().stream()
                .filter(c -> c.getTargetHost().equals("fixture-win7")).toList()), id -> true);
        assertThat(one.findings()).isEmpty();
        assertThat(ChangesText.render(one)).contains("windows: 1 identity: 6.1.7601 [fixture-win7]")
                .contains("no changes: one identity");
        Changes.Report onlyBound = Changes.analyze(Matrix.build(AnswersFixtures.fleet()), AnswersFixtures.BOUND::equals);
        assertThat(onlyBound.findings()).isEmpty();
        assertThat(onlyBound.leftOut()).isEmpty();
    }

    @Test
    void bcdJsonRangesAreAtOrBefore() {
        CompatReport json = CompatJson.build(report);
        List<OutcomeRange> ranges = json.getScenariosOrThrow(E_FW2).getSupportOrThrow("windows").getRangesList();
        assertThat(ranges).hasSize(2);
        assertThat(ranges.get(0).getOutcome()).isEqualTo("bind:EADDRINUSE");
        assertThat(ranges.get(0).getRawCode()).isEqualTo(10048);
        assertThat(ranges.get(0).getVersionAdded()).isEqualTo("≤6.0.6002");
        assertThat(ranges.get(0).getVersionRemoved()).isEqualTo("≤6.2.9200");
        assertThat(ranges.get(1).getOutcome()).isEqualTo("OK");
        assertThat(ranges.get(1).getChangedAfter()).isEqualTo("6.1.7601");
        assertThat(ranges.get(1).getVersionAdded()).isEqualTo("≤6.2.9200");
        assertThat(ranges.get(1).getVersionRemoved()).isEmpty();
        assertThat(ranges.get(1).getVersionsList()).containsExactly("6.2.9200", "10.0.14393", "10.0.19045.2965",
                "10.0.19045.3031");
        assertThat(json.getScenariosOrThrow(E_FW2).getDescription()).startsWith("SO_EXCLUSIVEADDRUSE → ");
        assertThat(json.getFindingsList()).hasSize(2);
        assertThat(json.getIdentitiesList()).allMatch(i -> i.getHostsList().stream().allMatch(h -> h.startsWith("fixture-")));
    }
}
