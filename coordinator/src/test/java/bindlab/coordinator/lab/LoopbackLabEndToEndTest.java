// What a user without root gets: agents on 127.0.0.x (run as uid 65534 when the test itself is root). Cells that
// need a packet filter or another user are NOT_APPLICABLE; every other cell is still verified.
package bindlab.coordinator.lab;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.coordinator.CiRequirement;
import bindlab.engine.scenario.Catalog;
import bindlab.engine.scenario.Scenario;
import bindlab.engine.scenario.Selection;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.Outcome;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopbackLabEndToEndTest {
    /** A representative subset (the full catalog runs in the namespace test): every connection variant with no
     * options and with REUSEADDR on both sockets, IPv4 and IPv6, plus the seed and the other-user listener cases. */
    static final String SUBSET = "seed/**,conn/**/none>none/wild>wild/v4**,conn/**/REUSEADDR>REUSEADDR/spec>spec/v6**,"
            + "listen/REUSEPORT>REUSEPORT/wild>wild/v4**,bound/**/wild>wild/v4";

    @TempDir
    Path store;

    @Test
    void catalogSubsetOnLoopbackAsAnUnprivilegedUser() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root && !System.getProperty("user.name").isEmpty()) {
            System.out.println("loopback lab: agents run as the current (non-root) user");
        }
        CiRequirement.require(!root || Sh.onPath("setpriv"), "LoopbackLabEndToEndTest",
                "root without setpriv cannot drop privileges");
        List<Scenario> scenarios = Selection.of(SUBSET, "test").choose(Catalog.builtIn(), "test");

        LabRun run = LabRun.run(false, root ? "65534" : null, scenarios, store);

        assertThat(run.records).hasSize(scenarios.size() + 2); // + the two controls
        int measured = 0;
        for (CellRecord r : run.records) {
            String what = r.getScenarioId() + ": " + r.getReason();
            boolean needsPrivilege = r.getScenarioId().endsWith("/filter") || r.getScenarioId().endsWith("/other-user")
                    || r.getScenarioId().contains("EXCLUSIVEADDRUSE");
            if (needsPrivilege) {
                assertThat(r.getOutcome()).as(what).isEqualTo(Outcome.NOT_APPLICABLE);
            } else {
                assertThat(r.getOutcome()).as(what).isNotIn(Outcome.INVALID_SETUP, Outcome.INFRA_ERROR,
                        Outcome.OTHER_ERROR, Outcome.NOT_APPLICABLE);
                NamespaceLabEndToEndTest.assertIntendedStateSeen(r);
                measured++;
            }
        }
        assertThat(measured).isGreaterThan(40);
        System.out.println("loopback lab: " + measured + " cells measured, " + (run.records.size() - measured) + " not applicable");
    }
}
