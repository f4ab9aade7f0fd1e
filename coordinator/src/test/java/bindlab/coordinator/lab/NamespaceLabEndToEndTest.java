// The default catalog end to end in a two-namespace lab: real agent processes (on Java 8 when CI provides one), real
// gRPC across a bridge, real sockets and nftables; every cell verified, nothing left behind. (The full catalog runs
// the same way with 'bindlab demo --catalog full'; the README gives its size and time.)
package bindlab.coordinator.lab;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.coordinator.report.Matrix;
import bindlab.coordinator.CiRequirement;
import bindlab.engine.scenario.Catalog;
import bindlab.engine.scenario.Scenario;
import bindlab.engine.scenario.Selection;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.Outcome;
import bindlab.proto.v1.TcpRow;
import bindlab.proto.v1.TcpState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamespaceLabEndToEndTest {
    /** What the Linux kernel is known to do, checked against the real run. */
    static final Map<String, Outcome> LINUX = new HashMap<>();

    static {
        for (String state : List.of("listening", "ESTABLISHED", "FIN_WAIT_2", "TIME_WAIT")) {
            LINUX.put("seed/" + state + "/none>none", Outcome.EADDRINUSE);
            LINUX.put("seed/" + state + "/REUSEADDR>REUSEADDR",
                    state.equals("listening") ? Outcome.EADDRINUSE : Outcome.SUCCESS);
            LINUX.put("seed/" + state + "/REUSEPORT>REUSEPORT", Outcome.SUCCESS);
            LINUX.put("seed/" + state + "/EXCLUSIVEADDRUSE>EXCLUSIVEADDRUSE", Outcome.NOT_APPLICABLE);
        }
        LINUX.put("test/SYN_RECV/listener-open/filter", Outcome.EADDRINUSE);
        LINUX.put("control/fresh-bind", Outcome.SUCCESS);
        LINUX.put("control/listener-blocks", Outcome.EADDRINUSE);
        LINUX.put("empty/none/wild/v6", Outcome.SUCCESS);
        LINUX.put("bound/none>none/wild>spec/v4", Outcome.EADDRINUSE);
        LINUX.put("bound/REUSEADDR>REUSEADDR/wild>wild/v4", Outcome.SUCCESS);
        LINUX.put("listen/REUSEPORT>REUSEPORT/wild>wild/v4", Outcome.SUCCESS);
        LINUX.put("listen/REUSEPORT>REUSEPORT/wild>wild/v4/other-user", Outcome.EADDRINUSE); // REUSEPORT needs the same uid
        LINUX.put("conn/CLOSING/orphan/accepted/none>none/wild>wild/v4/zerowindow", Outcome.EADDRINUSE);
        LINUX.put("conn/LAST_ACK/open/accepted/REUSEADDR>REUSEADDR/wild>wild/v4/filter", Outcome.SUCCESS);
        LINUX.put("conn/FIN_WAIT_1/orphan/accepted/REUSEADDR>REUSEADDR/spec>spec/v6/zerowindow", Outcome.SUCCESS);
        LINUX.put("conn/TIME_WAIT/orphan/originated/none>none/wild>wild/v4", Outcome.EADDRINUSE);
        LINUX.put("conn/ESTABLISHED/open/accepted/REUSEADDR>REUSEADDR/wild>wild/dual", Outcome.SUCCESS);
        // the lingering kinds of issue 15
        LINUX.put("listen+accepted/none>none/wild>wild/v4", Outcome.EADDRINUSE);
        LINUX.put("listen+accepted/REUSEPORT>REUSEPORT/wild>wild/v4", Outcome.SUCCESS);
        LINUX.put("closed-listener/REUSEADDR>none/wild>wild/v4", Outcome.SUCCESS); // no after-effect on Linux
        // a reset accepted socket gives its port back; a reset originated one (bound explicitly) keeps it, rowless
        LINUX.put("conn/CLOSED/open/accepted/none>none/wild>wild/v4", Outcome.SUCCESS);
        LINUX.put("conn/CLOSED/open/originated/none>none/wild>wild/v4", Outcome.EADDRINUSE);
        LINUX.put("conn/SYN_SENT/open/originated/none>none/wild>wild/v4/filter", Outcome.EADDRINUSE);
        LINUX.put("conn/LAST_ACK/orphan/originated/REUSEADDR>REUSEADDR/wild>wild/v4/zerowindow", Outcome.SUCCESS);
        LINUX.put("conn/TIME_WAIT/open/originated/none>none/wild>wild/dual", Outcome.EADDRINUSE);
        // cross-family: a v6-only socket and an IPv4 one never share a port; a dual-stack one does
        LINUX.put("bound/none>none/wild>wild/v4>v6", Outcome.SUCCESS);
        LINUX.put("bound/none>none/wild>wild/v4>dual", Outcome.EADDRINUSE);
        LINUX.put("listen/REUSEADDR>REUSEADDR/loop>wild/dual", Outcome.EADDRINUSE);
    }

    @TempDir
    Path store;

    @Test
    void wholeCatalogInTwoNamespaces() throws Exception {
        CiRequirement.require(Lab.namespacesPossible(), "NamespaceLabEndToEndTest",
                "needs root and iproute2 to build network namespaces");
        List<Scenario> scenarios = new ArrayList<>(Catalog.builtIn());
        scenarios.addAll(Selection.available(List.of(Path.of("src/test/resources/scenarios/syn-recv-filter.scn")))
                .stream().filter(s -> s.id().startsWith("test/")).toList());

        // CampaignPlan.DEFAULT_PARALLEL cells at once on the target, as any run does by default
        LabRun run = LabRun.run(true, null, scenarios, store);

        if (!System.getProperty("bindlab.agent.java8.home", "").isEmpty()) {
            assertThat(run.targetIdentity.getJvmVersion()).contains("1.8.0");
        }
        assertThat(run.records).hasSize(scenarios.size());
        assertThat(Matrix.untrustedHosts(run.records)).as("controls").isEmpty();
        for (CellRecord r : run.records) {
            String what = r.getScenarioId() + ": " + r.getReason();
            assertThat(r.getOutcome()).as(what).isNotIn(Outcome.INVALID_SETUP, Outcome.INFRA_ERROR, Outcome.OTHER_ERROR);
            if (LINUX.containsKey(r.getScenarioId())) {
                assertThat(r.getOutcome()).as(what + "\n" + run.log).isEqualTo(LINUX.get(r.getScenarioId()));
            }
            if (r.getScenarioId().contains("EXCLUSIVEADDRUSE")) {
                assertThat(r.getOutcome()).as(what).isEqualTo(Outcome.NOT_APPLICABLE);
            } else {
                assertThat(r.getOutcome()).as(what).isNotEqualTo(Outcome.NOT_APPLICABLE);
                assertIntendedStateSeen(r);
            }
        }
        System.out.println("namespace lab: " + run.records.size() + " cells verified");
    }

    /**
     * Each result carries its evidence: the intended states on the port right before and after the probe (any one
     * of them, or all of them for LISTEN+ESTABLISHED); "none" is no row before and no row but LISTEN after.
     */
    static void assertIntendedStateSeen(CellRecord r) {
        for (List<TcpRow> rows : List.of(r.getRowsBeforeList(), r.getRowsAfterList())) {
            boolean after = rows == r.getRowsAfterList();
            List<TcpState> seen = rows.stream().filter(x -> x.getLocal().getPort() == r.getPort()).map(TcpRow::getState).toList();
            java.util.function.Predicate<TcpState> there = s -> s == TcpState.TCP_STATE_UNSPECIFIED
                    ? seen.stream().allMatch(x -> after && x == TcpState.LISTEN) : seen.contains(s);
            boolean ok = r.getIntendedAll() ? r.getIntendedStatesList().stream().allMatch(there)
                    : r.getIntendedStatesList().stream().anyMatch(there);
            assertThat(ok).as(r.getScenarioId() + " intended " + r.getIntendedStatesList() + (r.getIntendedAll() ? " (all)" : "")
                    + ", saw " + seen + (after ? " after" : " before")).isTrue();
        }
    }
}
