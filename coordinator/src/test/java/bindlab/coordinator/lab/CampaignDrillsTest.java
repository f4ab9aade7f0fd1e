// Campaign drills in a namespace lab of 3 targets and 1 peer: parallel targets, a coordinator killed with SIGKILL
// and resumed, an agent killed and restarted mid-campaign; after each, nothing is left in any namespace.
package bindlab.coordinator.lab;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.coordinator.Eventually;
import bindlab.coordinator.cli.Main;
import bindlab.engine.run.CellKey;
import bindlab.engine.scenario.Catalog;
import bindlab.engine.scenario.Scenario;
import bindlab.engine.scenario.Selection;
import bindlab.engine.store.Journal;
import bindlab.engine.store.RunStore;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.Outcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CampaignDrillsTest {
    static final String SCENARIOS = "seed/**,conn/**/none>none/wild>wild/v4**";
    static final Path SLOW = Path.of("src/test/resources/scenarios/drill-slow.scn");
    @RegisterExtension
    static final DrillLab drill = new DrillLab(3);

    /** Every target x scenario (controls included) x repeat: what an uninterrupted run journals. */
    static Set<CellKey> expectedCells() {
        List<Scenario> s = new ArrayList<>(Catalog.builtIn().stream().filter(x -> x.control() != null).toList());
        s.addAll(Selection.of(SCENARIOS, "test").choose(Catalog.builtIn(), "test"));
        Set<CellKey> out = new HashSet<>();
        for (String t : List.of("target-1", "target-2", "target-3")) {
            s.forEach(sc -> out.add(new CellKey(t, sc.id(), 1)));
        }
        return out;
    }

    /** The cells with a result, failing on any duplicate result. */
    static Set<CellKey> resultCells(List<CellRecord> records) {
        Map<CellKey, Integer> seen = new HashMap<>();
        for (CellRecord r : records) {
            if (r.getOutcome() != Outcome.INFRA_ERROR) {
                seen.merge(CellKey.of(r), 1, Integer::sum);
            }
        }
        assertThat(seen.entrySet().stream().filter(e -> e.getValue() > 1).toList()).as("duplicate cells").isEmpty();
        return seen.keySet();
    }

    /** The coordinator CLI as a separate JVM, so it can be SIGKILLed. */
    static Process coordinator(Path log, String... args) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", cp, Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void coordinatorKilledWithSigkillFiveTimesThenResumedLosesAndDuplicatesNothing() throws Exception {
        Path store = drill.dir.resolve("kill-store");
        Path journal = store.resolve("drill/latest/" + Journal.FILE);
        int total = expectedCells().size();
        Process p = coordinator(drill.dir.resolve("coordinator-0.log"), "run", "--inventory",
                drill.inventory.toString(), "--store", store.toString(), "--name", "drill", "--scenarios", SCENARIOS,
                "--quiet");
        List<Integer> killedAt = new ArrayList<>();
        for (int kill = 1; kill <= 5; kill++) {
            int want = 1 + kill * total / 7; // the journal's header line, then cells
            Process running = p;
            Eventually.waitUntil(90_000, () -> lines(journal) >= want || !running.isAlive());
            assertThat(p.isAlive()).as("coordinator still running when killed (kill " + kill + "); log: "
                    + Files.readString(drill.dir.resolve("coordinator-" + (kill - 1) + ".log"))).isTrue();
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            killedAt.add(lines(journal) - 1);
            p = coordinator(drill.dir.resolve("coordinator-" + kill + ".log"), "resume",
                    store.resolve("drill/latest").toString(), "--quiet");
        }
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(drill.dir.resolve("coordinator-5.log"))).isZero();
        assertThat(Files.readString(drill.dir.resolve("coordinator-5.log"))).contains("already done");

        List<CellRecord> records = Journal.read(RunStore.resolveRun(store.resolve("drill")));
        assertThat(resultCells(records)).isEqualTo(expectedCells());
        assertTargetsOverlapped(records);
        System.out.printf("coordinator SIGKILL x5 drill: %d cells, killed after %s journal records; none lost, none"
                + " duplicated%n", total, killedAt);
    }

    @Test
    void anAgentKilledAndNotRestartedLeavesItsTargetForResumeWithoutBurningRetries() throws Exception {
        Path store = drill.dir.resolve("gone-store");
        StringWriter out = new StringWriter();
        int[] code = {-1};
        Thread campaign = new Thread(() -> code[0] = Main.run(new PrintWriter(out, true), new PrintWriter(out, true),
                "run", "--inventory", drill.inventory.toString(), "--store", store.toString(), "--name", "gone",
                "--scenarios-file", SLOW.toString(), "--scenarios", "drill/slow-cell," + SCENARIOS, "--quiet",
                "--wait", "5", "--retries", "3"));
        campaign.start();
        awaitSlowCellOn("target-3");
        drill.lab.killAgent("target-3", true);
        campaign.join(180_000);
        assertThat(code[0]).as("exit code 1: cells left without a result; " + out).isEqualTo(1);
        // which of two waits gives up first is a race: a cell's health check, or a worker that was already waiting
        assertThat(out.toString()).containsPattern("target-3: (the hosts are still unhealthy after 5 s|agent"
                + " 'target-3' (is gone|did not connect within 5 s)).*left for 'bindlab resume'").contains("left for resume");
        List<CellRecord> records = Journal.read(RunStore.resolveRun(store.resolve("gone")));
        List<CellRecord> infra = records.stream().filter(r -> r.getOutcome() == Outcome.INFRA_ERROR).toList();
        // cells run at once (CampaignPlan.DEFAULT_PARALLEL): those in flight when the agent died are lost, each once;
        // while the agent stays away no further cell is tried, so no retry is spent
        assertThat(infra).as("only the cells in flight when the agent died are journalled as lost, each once")
                .isNotEmpty().hasSizeLessThanOrEqualTo(bindlab.engine.run.CampaignPlan.DEFAULT_PARALLEL)
                .allMatch(r -> r.getTargetHost().equals("target-3"));
        assertThat(infra.stream().map(CellKey::of).distinct().count()).isEqualTo(infra.size());
        drill.lab.restartAgent("target-3");
        StringWriter again = new StringWriter();
        assertThat(Main.run(new PrintWriter(again, true), new PrintWriter(again, true), "resume",
                store.resolve("gone/latest").toString(), "--quiet")).as(again.toString()).isZero();
        Set<CellKey> expected = new HashSet<>(expectedCells());
        List.of("target-1", "target-2", "target-3").forEach(t -> expected.add(new CellKey(t, "drill/slow-cell", 1)));
        assertThat(resultCells(Journal.read(RunStore.resolveRun(store.resolve("gone"))))).isEqualTo(expected);
        System.out.printf("agent killed, not restarted: %d INFRA_ERROR record(s) in %d; resume completed %d cells%n",
                infra.size(), records.size(), expected.size());
    }

    @Test
    void agentKilledMidCampaignIsRetriedAfterRestartAndOthersGoOn() throws Exception {
        Path store = drill.dir.resolve("agent-store");
        StringWriter out = new StringWriter();
        int[] code = {-1};
        Thread campaign = new Thread(() -> code[0] = Main.run(new PrintWriter(out, true), new PrintWriter(out, true),
                "run", "--inventory", drill.inventory.toString(), "--store", store.toString(), "--name", "agent-drill",
                "--scenarios-file", SLOW.toString(), "--scenarios", "drill/slow-cell," + SCENARIOS, "--quiet", "--wait", "60",
                // one cell at a time, the slow one first: the others' cells after it are certainly left when target-2
                // dies (16 at once, a fast machine had finished them all before the kill)
                "--per-host-parallel", "1"));
        campaign.start();
        awaitSlowCellOn("target-2");
        long killedAt = System.currentTimeMillis();
        drill.lab.killAgent("target-2", true);
        // down until the others have journalled a cell started after the kill (they must go on meanwhile), 60 s at most
        Eventually.waitUntil(60_000, () -> othersStartedBetween(store.resolve("agent-drill"), killedAt, Long.MAX_VALUE) > 0);
        long restartedAt = System.currentTimeMillis();
        drill.lab.restartAgent("target-2");
        campaign.join(180_000);
        assertThat(code[0]).as(out.toString()).isZero();

        List<CellRecord> records = Journal.read(RunStore.resolveRun(store.resolve("agent-drill")));
        Set<CellKey> expected = new HashSet<>(expectedCells());
        List.of("target-1", "target-2", "target-3").forEach(t -> expected.add(new CellKey(t, "drill/slow-cell", 1)));
        assertThat(resultCells(records)).isEqualTo(expected);
        List<CellRecord> infra = records.stream().filter(r -> r.getOutcome() == Outcome.INFRA_ERROR).toList();
        assertThat(infra).as("the killed agent's cells were lost to infrastructure").isNotEmpty()
                .allMatch(r -> r.getTargetHost().equals("target-2"));
        for (CellRecord r : infra) { // each was retried to a result
            assertThat(records).anyMatch(x -> CellKey.of(x).equals(CellKey.of(r)) && x.getOutcome() != Outcome.INFRA_ERROR
                    && x.getAttempt() > r.getAttempt());
        }
        long othersDuringOutage = othersStartedBetween(store.resolve("agent-drill"), killedAt, restartedAt);
        assertThat(othersDuringOutage).as("cells of the other targets started while target-2 was down").isPositive();
        System.out.printf("agent killed for %d ms: %d cell(s) of the others started meanwhile; %d INFRA_ERROR retried%n",
                restartedAt - killedAt, othersDuringOutage, infra.size());
    }

    /** Records of targets other than target-2 whose cell started inside (from, to); 0 while the run has no journal. */
    private static long othersStartedBetween(Path run, long from, long to) {
        if (!Files.exists(run.resolve("latest/" + Journal.FILE))) {
            return 0;
        }
        return Journal.read(RunStore.resolveRun(run)).stream().filter(r -> !r.getTargetHost().equals("target-2"))
                .filter(r -> r.getStartedUnixMs() > from && r.getStartedUnixMs() < to).count();
    }

    @Test
    void malformedInventoryFailsBeforeAnythingRuns() throws Exception {
        Path bad = drill.dir.resolve("bad.yml");
        Files.writeString(bad, "all:\n  hosts:\n    t1:\n      bindlab_role: target\n      bindlab_peer: p9\n");
        StringWriter err = new StringWriter();
        Path store = drill.dir.resolve("bad-store");
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true), "run", "--inventory", bad.toString(),
                "--store", store.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains(bad + ":5: bindlab_peer: 'p9' (peer of 't1') is not a host of this inventory");
        assertThat(store).doesNotExist();
    }

    /** Waits until the host's slow cell is inside its 5 s step: one of its sandbox ports has listened for 1 s. */
    static void awaitSlowCellOn(String host) throws Exception {
        drill.awaitState(host, bindlab.proto.v1.TcpState.LISTEN, 1000);
    }

    /** Parallel targets: some cell of one target ran while a cell of another was running. */
    static void assertTargetsOverlapped(List<CellRecord> records) {
        assertThat(overlap(records, false)).as("targets ran in parallel").isTrue();
    }

    /** Parallel cells on one target: some cell started while another cell of the same target was running. */
    static void assertCellsOverlapped(List<CellRecord> records) {
        assertThat(overlap(records, true)).as("cells of one target ran in parallel").isTrue();
    }

    private static boolean overlap(List<CellRecord> records, boolean sameTarget) {
        for (CellRecord a : records) {
            for (CellRecord b : records) {
                if (a != b && a.getTargetHost().equals(b.getTargetHost()) == sameTarget
                        && a.getStartedUnixMs() < b.getStartedUnixMs()
                        && b.getStartedUnixMs() < a.getStartedUnixMs() + a.getDurationMs()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int lines(Path file) throws Exception {
        return Files.exists(file) ? (int) Files.readString(file).chars().filter(c -> c == '\n').count() : 0;
    }
}
