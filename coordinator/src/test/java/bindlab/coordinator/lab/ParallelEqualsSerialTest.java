// Cells in parallel give the same results as one at a time: in one namespace lab, the same scenarios run with one
// cell at a time and with the default parallelism; every scenario id must have the same outcome in both runs, every
// result must show its intended state before and after the probe, and the parallel run must really overlap cells.
package bindlab.coordinator.lab;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.coordinator.CiRequirement;
import bindlab.engine.run.CampaignPlan;
import bindlab.engine.scenario.Catalog;
import bindlab.engine.scenario.Scenario;
import bindlab.engine.scenario.Selection;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.Outcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelEqualsSerialTest {
    /** Every kind of cell the catalog has, IPv4 with a wildcard first bind: listeners, bound sockets, connections in
     * every state (filter and zero-window techniques, other-user probes), seed and empty-port cells. */
    static final String SCENARIOS = "seed/**,empty/**,listen/**/wild>*/v4**,bound/**/wild>*/v4**,conn/**/wild>*/v4**";

    @TempDir
    Path store;

    @Test
    void everyScenarioGivesTheSameOutcomeSeriallyAndInParallel() throws Exception {
        CiRequirement.require(Lab.namespacesPossible(), "ParallelEqualsSerialTest",
                "needs root and iproute2 to build network namespaces");
        List<Scenario> scenarios = new ArrayList<>(Selection.of(SCENARIOS, "test").choose(Catalog.builtIn(), "test"));
        List<LabRun> runs = LabRun.runEach(true, null, scenarios, store, 1, CampaignPlan.DEFAULT_PARALLEL);

        Map<String, Outcome> serial = outcomes(runs.get(0).records);
        Map<String, Outcome> parallel = outcomes(runs.get(1).records);
        assertThat(serial).hasSize(scenarios.size() + Catalog.controls().size());
        assertThat(parallel).as("the parallel run's outcome of every scenario id, against the serial run's")
                .isEqualTo(serial);
        for (LabRun run : runs) {
            for (CellRecord r : run.records) {
                assertThat(r.getOutcome()).as(r.getScenarioId() + ": " + r.getReason())
                        .isNotIn(Outcome.INVALID_SETUP, Outcome.INFRA_ERROR);
                if (r.getOutcome() != Outcome.NOT_APPLICABLE) {
                    NamespaceLabEndToEndTest.assertIntendedStateSeen(r);
                }
            }
        }
        CampaignDrillsTest.assertCellsOverlapped(runs.get(1).records);
        System.out.printf("parallel equals serial: %d scenarios, the same outcome each (%d measured)%n", serial.size(),
                serial.values().stream().filter(o -> o != Outcome.NOT_APPLICABLE).count());
    }

    static Map<String, Outcome> outcomes(List<CellRecord> records) {
        Map<String, Outcome> out = new TreeMap<>();
        for (CellRecord r : records) {
            out.put(r.getScenarioId(), r.getOutcome());
        }
        return out;
    }
}
