// The seed experiment end to end: a two-namespace lab, real agent processes (on Java 8 when CI provides one),
// real gRPC across a bridge, real sockets; then proof that nothing is left behind in either namespace.
package bindlab.coordinator.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import bindlab.agent.platform.linux.ProcNetTcpParser;
import bindlab.coordinator.hub.AgentHub;
import bindlab.coordinator.hub.CoordinatorServer;
import bindlab.coordinator.run.RunSpec;
import bindlab.coordinator.run.Runs;
import bindlab.coordinator.scenario.Catalog;
import bindlab.coordinator.scenario.Scenario;
import bindlab.coordinator.scenario.Selection;
import bindlab.coordinator.store.Journal;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.Outcome;
import bindlab.proto.v1.TcpRow;
import bindlab.proto.v1.TcpState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamespaceLabEndToEndTest {
    /** Linux outcomes of the seed: what the kernel is known to do, checked against a real run. */
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
    }

    @TempDir
    Path store;

    @Test
    void seedExperimentInTwoNamespaces() throws Exception {
        if (!Lab.namespacesPossible()) {
            System.out.println("SKIPPED NamespaceLabEndToEndTest: needs root and iproute2 to build network namespaces");
        }
        assumeTrue(Lab.namespacesPossible(), "needs root and iproute2 to build network namespaces");
        Path jar = Path.of(System.getProperty("bindlab.agent.jar", "../agent/target/bindlab-agent.jar"));
        assertThat(jar).as("the shaded agent jar (built by 'mvn verify' before this module's tests)").isRegularFile();
        String java8 = System.getProperty("bindlab.agent.java8.home", "");
        String java = java8.isEmpty() ? Path.of(System.getProperty("java.home"), "bin", "java").toString() : java8 + "/bin/java";
        List<Scenario> scenarios = new ArrayList<>(Catalog.builtIn());
        scenarios.addAll(Selection.available(List.of(Path.of("src/test/resources/scenarios/syn-recv-filter.scn")))
                .stream().filter(s -> s.id().startsWith("test/")).toList());

        StringWriter log = new StringWriter();
        try (Lab lab = Lab.up(List.of(new String[] {"target", "target"}, new String[] {"peer", "peer"}), true)) {
            AgentHub hub = new AgentHub(Duration.ofSeconds(1), Set.of("target", "peer")::contains);
            Path run;
            try (CoordinatorServer server = CoordinatorServer.start(new InetSocketAddress(lab.coordinatorAddress(), 0), hub)) {
                lab.startAgents(java, jar, server.port(), store.resolve("logs"));
                run = Runs.execute(hub, new RunSpec("target", "peer", scenarios, 1, 1, store, Duration.ofSeconds(60),
                        "test"), new PrintWriter(log, true));
                if (!java8.isEmpty()) {
                    assertThat(hub.agent("target").hello().getIdentity().getJvmVersion()).contains("1.8.0");
                }
                assertNothingHeldOrFiltered(lab);
            }
            List<CellRecord> records = Journal.read(run);
            assertThat(records).hasSize(LINUX.size());
            for (CellRecord r : records) {
                assertThat(r.getOutcome()).as(r.getScenarioId() + ": " + r.getReason() + "\n" + log)
                        .isEqualTo(LINUX.get(r.getScenarioId()));
                if (r.getOutcome() != Outcome.NOT_APPLICABLE) {
                    assertThat(statesOnPort(r.getRowsBeforeList(), r.getPort())).as(r.getScenarioId() + " before")
                            .contains(r.getIntendedState());
                    assertThat(statesOnPort(r.getRowsAfterList(), r.getPort())).as(r.getScenarioId() + " after")
                            .contains(r.getIntendedState());
                }
            }
            assertThat(records.stream().filter(r -> r.getScenarioId().startsWith("seed/TIME_WAIT/none")).findFirst()
                    .orElseThrow().getRawCode()).isEqualTo(98);
            lab.stopAgents();
            awaitNoRowsOnTestPorts(lab);
        }
    }

    /** While agents are still up: no process holds a test port and no nftables table exists in either namespace. */
    private static void assertNothingHeldOrFiltered(Lab lab) throws Exception {
        for (LabHost h : lab.hosts()) {
            assertThat(lab.exec(h, "nft", "list", "tables").strip()).as("nft tables in " + h.netns()).isEmpty();
            for (TcpRow r : testRows(lab, h)) {
                // Kernel-held rows (TIME_WAIT, a SYN_RECV whose listener just closed) may linger; none may be held open.
                assertThat(r.getInode()).as("a process still holds " + r + " in " + h.netns()).isZero();
            }
        }
    }

    /** Kernel-held rows expire by themselves (TIME_WAIT: 60 s on Linux): wait, bounded, then demand an empty table. */
    private static void awaitNoRowsOnTestPorts(Lab lab) throws Exception {
        long deadline = System.currentTimeMillis() + 75_000;
        List<TcpRow> left;
        do {
            left = new ArrayList<>();
            for (LabHost h : lab.hosts()) {
                left.addAll(testRows(lab, h));
            }
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(1000);
        } while (System.currentTimeMillis() < deadline);
        assertThat(left).as("rows left on test ports").isEmpty();
    }

    private static List<TcpRow> testRows(Lab lab, LabHost h) throws Exception {
        ProcNetTcpParser parser = new ProcNetTcpParser(ByteOrder.nativeOrder());
        String text = lab.exec(h, "cat", "/proc/net/tcp", "/proc/net/tcp6");
        List<TcpRow> rows = new ArrayList<>();
        for (TcpRow r : parser.parse(text, 0, Collections.emptySet(), 0)) {
            boolean toCoordinator = r.getRemote().getAddress().equals(lab.coordinatorAddress());
            if (!toCoordinator && (inTestRange(r.getLocal().getPort()) || inTestRange(r.getRemote().getPort()))) {
                rows.add(r);
            }
        }
        return rows;
    }

    private static boolean inTestRange(int port) {
        return port >= 40000 && port <= 41999;
    }

    private static List<TcpState> statesOnPort(List<TcpRow> rows, int port) {
        return rows.stream().filter(r -> r.getLocal().getPort() == port).map(TcpRow::getState).toList();
    }
}
