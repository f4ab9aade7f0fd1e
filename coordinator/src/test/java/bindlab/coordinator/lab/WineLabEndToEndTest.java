// The Windows backend executed, in CI: the agent's selftest under Wine, then a catalog subset reaching every Windows
// code path with the target agent on a Windows Java 8 under Wine and a Linux peer. Fails, never skips, with CI=true.
package bindlab.coordinator.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import bindlab.coordinator.CiRequirement;
import bindlab.coordinator.report.Matrix;
import bindlab.engine.scenario.Catalog;
import bindlab.engine.scenario.Scenario;
import bindlab.engine.scenario.Selection;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.Outcome;
import bindlab.proto.v1.StepRecord;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WineLabEndToEndTest {
    /**
     * Every Windows code path, in about 90 s of cells under Wine (220 cells with the controls): the seed; the
     * bound-only table with every option pair, for v4 with all four address relations and for v6 and dual
     * wild>wild (setsockopt of each option and its read-back, V6ONLY both ways, bind on both families); every
     * connection variant (each state and technique: accept, connect and its select() wait, send-until-blocked and
     * its WSAPoll wait, recv, shutdown, graceful, abortive and orphaned closes, the TCP table in every state) with
     * no options and with SO_EXCLUSIVEADDRUSE on both sockets; the open-handle connections over IPv6 (sockaddr_in6
     * through connect and accept, the v6 table) and a dual-stack accept of IPv4 (a v4-mapped peer).
     */
    static final String SUBSET = "seed/**,bound/*>*/*>*/v4,bound/*>*/wild>wild/v6,bound/*>*/wild>wild/dual,"
            + "conn/*/*/*/none>none/wild>wild/v4,conn/*/*/*/none>none/wild>wild/v4/zerowindow,"
            + "conn/*/*/*/none>none/wild>wild/v4/filter,conn/*/*/*/EXCLUSIVEADDRUSE>EXCLUSIVEADDRUSE/wild>wild/v4,"
            + "conn/*/*/*/EXCLUSIVEADDRUSE>EXCLUSIVEADDRUSE/wild>wild/v4/zerowindow,"
            + "conn/*/*/*/EXCLUSIVEADDRUSE>EXCLUSIVEADDRUSE/wild>wild/v4/filter,conn/*/open/*/none>none/wild>wild/v6,"
            + "conn/ESTABLISHED/open/accepted/none>none/wild>wild/dual";
    /** NOT_APPLICABLE is accepted only for a reason that holds on every Windows host. */
    static final List<String> NOT_APPLICABLE_REASONS = List.of("has no REUSEPORT");

    @TempDir
    Path store;

    @Test
    void selftestAndCatalogSubsetUnderWine() throws Exception {
        String missing = WineRuntime.missing();
        CiRequirement.require(missing == null, "WineLabEndToEndTest", "missing " + missing + " (.ci/run installs them)");
        boolean namespaces = Lab.namespacesPossible();
        PrintWriter out = new PrintWriter(System.out, true);
        long t0 = System.nanoTime();
        WineRuntime wine = WineRuntime.prepare(out);
        if (wine.processPrng() == null) { // Java 8u121 then has no TLS under Wine 8: only outside CI
            assertThat(System.getenv("CI")).as("in CI the Wine lab runs mutual TLS, but: " + wine.noProcessPrng())
                    .isNull();
        }
        long tJre = System.nanoTime();
        List<Scenario> scenarios = Selection.of(SUBSET, "test").choose(Catalog.builtIn(), "test");
        AtomicReference<String> selftest = new AtomicReference<>();
        long[] marks = new long[2];

        LabRun run = LabRun.run(namespaces, null, scenarios, store, lab -> {
            lab.runTargetsUnderWine(wine, out);
            assertThat(lab.plainTextReason() == null).as("mutual TLS exactly when the ProcessPrng shim is there")
                    .isEqualTo(wine.processPrng() != null);
            marks[0] = System.nanoTime();
            LabHost target = lab.hosts().get(0);
            selftest.set(lab.winePrefix(target.name()).exec(180, wine.javaExe().toString(), "-jar",
                    WinePrefix.windowsPath(LabRun.agentJar()), "selftest", "--ports", target.ports()));
            marks[1] = System.nanoTime();
        });
        long tEnd = System.nanoTime();

        assertSelftest(selftest.get());
        assertThat(run.targetIdentity.getOsFamily()).isEqualTo("wine");
        assertThat(run.targetIdentity.getJvmVersion()).startsWith(WineRuntime.JRE_VERSION);
        Map<String, Integer> tally = assertCells(run.records, scenarios.size());
        assertNoAgentException(store.resolve("logs"));
        if (wine.processPrng() != null) { // the Windows agent's TLS path on a Java 8 without ALPN, run for real
            assertThat(Files.readString(store.resolve("logs/agent-target-1.log"), StandardCharsets.ISO_8859_1))
                    .contains("mutual TLS as 'target-1' with the bundled BoringSSL");
        }
        System.out.printf("wine lane: %s lab, wine + JRE %d s, prefix %d s, selftest %d s; subset of %d scenario(s)"
                + " + 2 controls = %d cells: %s; lab run %d s, lane total %d s%n", namespaces ? "namespace" : "loopback",
                secs(t0, tJre), secs(tJre, marks[0]), secs(marks[0], marks[1]), scenarios.size(), run.records.size(),
                tally, secs(marks[1], tEnd), secs(t0, tEnd));
    }

    static void assertSelftest(String text) {
        assertThat(text).as(text).contains("VERDICT: PASS").contains("\"osFamily\":\"wine\"")
                .contains("  pass  an exclusive listener blocks an exclusive rebind")
                .contains("  pass  the TCP table shows the LISTEN row on")
                .contains("  n/a   the TCP table names this process as the row's owner: not available under Wine")
                .contains("  n/a   Windows build, UBR and tcpip.sys/afd.sys file versions: not available under Wine")
                .contains("  n/a   no excluded port range overlaps the sandbox: not available under Wine")
                .contains("  n/a   Windows Firewall lets peers connect to the sandbox ports: not available under Wine")
                .doesNotContain("FAIL");
    }

    /**
     * Controls pass; nothing is INFRA_ERROR or an agent error; every measurement saw its intended state before and
     * after the probe; NOT_APPLICABLE only with an accepted reason; SETUP_REFUSED only where the host refuses both
     * options on the first socket. Returns the outcome tally.
     */
    static Map<String, Integer> assertCells(List<CellRecord> records, int scenarios) {
        assertThat(records).hasSize(scenarios + 2);
        assertThat(Matrix.untrustedHosts(records)).as("controls").isEmpty();
        Map<String, Integer> tally = new TreeMap<>();
        for (CellRecord r : records) {
            String what = r.getScenarioId() + ": " + r.getOutcome() + " " + r.getReason();
            tally.merge(r.getOutcome().name(), 1, Integer::sum);
            for (StepRecord s : r.getStepsList()) {
                assertThat(s.getResult().getMessage()).as(what).doesNotStartWith("agent error");
            }
            switch (r.getOutcome()) {
                case SUCCESS, EADDRINUSE, EACCES, EINVAL, OTHER_ERROR -> NamespaceLabEndToEndTest.assertIntendedStateSeen(r);
                case NOT_APPLICABLE -> assertThat(NOT_APPLICABLE_REASONS).as(what).anyMatch(r.getReason()::contains);
                case SETUP_REFUSED -> assertThat(firstSocketRefusesBothOptions(r)).as(what).isTrue();
                case INVALID_SETUP -> assertThat(resetNotProvenUnderWine(r)).as(what).isTrue();
                default -> fail("not a result and not a reasoned NOT_APPLICABLE: " + what);
            }
        }
        return tally;
    }

    /**
     * A connection reset by the peer while the target keeps its handle (conn/CLOSED/...) is proven by recv failing
     * with ECONNRESET; under Wine that recv returns end of stream (0 bytes) instead, so the state is not proven and
     * the cell is INVALID_SETUP, never a result. (Windows keeps reporting WSAECONNRESET on a reset socket.)
     */
    static boolean resetNotProvenUnderWine(CellRecord r) {
        return r.getScenarioId().startsWith("conn/CLOSED/open/") && r.getReason().matches(
                "line [0-9]+ 'target: recv (A|L1) -> ECONNRESET': expected ECONNRESET, got OK");
    }

    /**
     * Wine, like Windows (its documentation, libtorrent#1981), refuses SO_EXCLUSIVEADDRUSE on a socket that has
     * SO_REUSEADDR, with WSAEINVAL: on the first socket a fact about the host, journalled with its raw code.
     */
    static boolean firstSocketRefusesBothOptions(CellRecord r) {
        return r.getScenarioId().matches("bound/REUSEADDR\\+EXCLUSIVEADDRUSE>[^/]+/.*") && r.getRawCode() == 10022
                && r.getErrorName().equals("EINVAL") && r.getFailedCall().equals("setsockopt")
                && r.getReason().contains("EXCLUSIVEADDRUSE on L1");
    }

    /**
     * The agents' logs (console and rotating file) hold no exception, no stack trace and no ERROR line; the one
     * exception allowed is gRPC's UNAVAILABLE once the coordinator stops after the campaign (the agents redial).
     */
    static void assertNoAgentException(Path logs) throws Exception {
        try (var files = Files.walk(logs)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                assertThat(text.lines().filter(l -> l.contains("Exception") && !l.contains("stream to coordinator"
                        + " failed: io.grpc.StatusRuntimeException: UNAVAILABLE") || l.startsWith("\tat ")
                        || l.contains(" ERROR ")).toList()).as(f + "\n" + text).isEmpty();
            }
        }
    }

    private static long secs(long from, long to) {
        return Math.round((to - from) / 1e9);
    }
}
