// The campaign through the Agent seam, with fake agents and a real journal file: controls first and alone, retries
// that wait for a lost agent, a target left for resume, the health check after a non-result, parallel cells on
// distinct ports.
package bindlab.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.engine.scenario.Catalog;
import bindlab.engine.scenario.Scenario;
import bindlab.engine.scenario.Selection;
import bindlab.engine.store.Journal;
import bindlab.engine.store.RunStore;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.HostBinding;
import bindlab.proto.v1.Outcome;
import bindlab.proto.v1.Step;
import bindlab.proto.v1.SockOption;
import bindlab.proto.v1.StepResult;
import bindlab.proto.v1.StepStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignTest {
    @TempDir
    Path root;

    final FakeDirectory dir = new FakeDirectory();
    final List<String> notes = new CopyOnWriteArrayList<String>();
    final List<CellRecord> done = new CopyOnWriteArrayList<CellRecord>();
    /** Run when the campaign nurses unhealthy hosts (before each re-check): a test brings its agents back here. */
    volatile Runnable onUnhealthy = () -> { };

    final Campaign.Events events = new Campaign.Events() {
        @Override
        public void cellDone(CellRecord rec) {
            done.add(rec);
        }

        @Override
        public void note(String message) {
            notes.add(message);
        }

        @Override
        public void unhealthy(String target, String peer, String problem) {
            onUnhealthy.run();
        }
    };

    static List<HostBinding> bind(String... targetPeer) {
        List<HostBinding> out = new ArrayList<HostBinding>();
        for (int i = 0; i < targetPeer.length; i += 2) {
            out.add(HostBinding.newBuilder().setTarget(targetPeer[i]).setPeer(targetPeer[i + 1]).build());
        }
        return out;
    }

    static List<Scenario> pick(String spec) {
        return Selection.of(spec, "t").choose(Catalog.builtIn(), "t");
    }

    /** Runs the plan to the end on a fresh store; returns the journal. */
    List<CellRecord> run(CampaignPlan plan, Campaign[] out) throws Exception {
        Path run = RunStore.create(root, "c", plan.manifest(), Collections.<String, String>emptyMap());
        try (Journal j = Journal.append(run)) {
            Campaign c = new Campaign(plan, dir, j, "r1", events);
            if (out != null) {
                out[0] = c;
            }
            c.run(plan.remaining(new HashSet<CellKey>()));
        }
        return Journal.read(run);
    }

    /** A fake that answers every probe bind as if the port were free (the cell is a result). */
    static FakeAgent agent(String name, int low) {
        return new FakeAgent(name, low, low + 99, SockOption.REUSEADDR);
    }

    @Test
    void notApplicableCellsTakeNoPortSendNothingAndKeepTheRunsTopology() throws Exception {
        FakeAgent t = agent("t", 40000);
        FakeAgent p = agent("p", 41000);
        dir.add(t).add(p);
        // REUSEPORT and EXCLUSIVEADDRUSE: the fakes have only REUSEADDR
        CampaignPlan plan = CampaignPlan.of(bind("t", "p"), pick("seed/listening/{REUSEPORT,EXCLUSIVEADDRUSE}>*"),
                1, 0, 1, 5000).withTopology("solo");
        List<CellRecord> journal = run(plan, null);
        List<CellRecord> na = new ArrayList<CellRecord>();
        for (CellRecord r : journal) {
            assertThat(r.getTopology()).as(r.getScenarioId()).isEqualTo("solo");
            if (r.getOutcome() == Outcome.NOT_APPLICABLE) {
                na.add(r);
            }
        }
        assertThat(na).hasSize(2).allMatch(r -> r.getPort() == 0);
        for (Step s : t.steps()) {
            assertThat(s.getCell()).doesNotContain(":seed/"); // only the controls reached the agent
        }
    }

    @Test
    void controlsRunFirstAndAloneThenTheRestInParallelOnDistinctPorts() throws Exception {
        FakeAgent t = agent("t", 40000);
        FakeAgent p = agent("p", 41000);
        dir.add(t).add(p);
        Map<String, Integer> inFlight = new ConcurrentHashMap<String, Integer>();
        AtomicInteger clash = new AtomicInteger();
        AtomicInteger notAlone = new AtomicInteger();
        AtomicInteger maxAtOnce = new AtomicInteger();
        List<String> started = new CopyOnWriteArrayList<String>();
        t.responder = s -> {
            if (s.hasSocket() && !s.getCell().equals("port-check") && !started.contains(s.getCell())) {
                synchronized (started) {
                    for (String other : inFlight.keySet()) {
                        if (other.contains(":control/") || s.getCell().contains(":control/")) {
                            notAlone.incrementAndGet(); // a control overlapped another cell
                        }
                    }
                    started.add(s.getCell());
                    inFlight.put(s.getCell(), -1);
                }
            }
            if (s.hasBind()) {
                int port = s.getBind().getLocal().getPort();
                for (Map.Entry<String, Integer> e : inFlight.entrySet()) {
                    if (!e.getKey().equals(s.getCell()) && e.getValue() == port) {
                        clash.incrementAndGet(); // two cells at once on one port
                    }
                }
                inFlight.put(s.getCell(), port);
                maxAtOnce.accumulateAndGet(inFlight.size(), Math::max);
                sleep(5);
            }
            if (s.hasRelease()) {
                synchronized (started) {
                    inFlight.remove(s.getCell());
                }
            }
            return null;
        };
        CampaignPlan plan = CampaignPlan.of(bind("t", "p"), pick("bound/none>none/**,bound/REUSEADDR>*/**"),
                1, 0, 4, 5000);
        List<CellRecord> journal = run(plan, null);
        assertThat(journal).hasSize(plan.all().size());
        assertThat(started.subList(0, 2)).allMatch(c -> c.startsWith("t:control/"));
        assertThat(clash.get()).isZero();
        assertThat(notAlone.get()).isZero();
        assertThat(maxAtOnce.get()).isGreaterThan(1);
        for (CellRecord r : journal) {
            // the fake has REUSEADDR only: the other options are NOT_APPLICABLE, everything else succeeds
            assertThat(r.getOutcome()).as(r.getScenarioId() + " " + r.getReason())
                    .isEqualTo(r.getReason().matches(".*(has no|cannot open|no address).*") ? Outcome.NOT_APPLICABLE : Outcome.SUCCESS);
        }
    }

    @Test
    void aCellLostToTheAgentIsRetriedOnceItIsBackAndEveryAttemptIsJournalled() throws Exception {
        FakeAgent t = agent("t", 40000);
        FakeAgent p = agent("p", 41000);
        dir.add(t).add(p);
        AtomicInteger connects = new AtomicInteger();
        p.responder = s -> {
            if (s.hasConnect() && connects.incrementAndGet() == 1) {
                p.lost = true; // the peer dies during its first connect, and stays away through the health check
                dir.away.add("p");
            }
            return null;
        };
        onUnhealthy = () -> { // back once the campaign waits for it
            p.lost = false;
            dir.away.remove("p");
        };
        CampaignPlan plan = CampaignPlan.of(bind("t", "p"), pick("seed/ESTABLISHED/none>none"), 1, 2, 1, 5000);
        List<CellRecord> journal = run(plan, null);
        List<Outcome> seedOutcomes = new ArrayList<Outcome>();
        for (CellRecord r : journal) {
            if (r.getScenarioId().startsWith("seed/")) {
                seedOutcomes.add(r.getOutcome());
            }
        }
        assertThat(seedOutcomes).containsExactly(Outcome.INFRA_ERROR, Outcome.SUCCESS);
        // a lost agent fails the health check too: the campaign waits for it, then retries
        assertThat(notes).anyMatch(n -> n.contains("failed their health check (health/connect-v4: INFRA_ERROR agent 'p' lost"));
        assertThat(notes).anyMatch(n -> n.contains("passed their health check again"));
    }

    @Test
    void aTargetWhoseAgentStaysAwayIsLeftForResumeWithoutInfraRecords() throws Exception {
        FakeAgent t = agent("t", 40000);
        FakeAgent p = agent("p", 41000);
        FakeAgent t2 = agent("t2", 42000);
        dir.add(t).add(p).add(t2);
        dir.away.add("t2");
        CampaignPlan plan = CampaignPlan.of(bind("t", "p", "t2", "p"), pick("seed/listening/*"), 1, 3, 1, 1000);
        Campaign[] c = {null};
        List<CellRecord> journal = run(plan, c);
        for (CellRecord r : journal) {
            assertThat(r.getTargetHost()).isEqualTo("t");
        }
        assertThat(c[0].leftForResume()).isEqualTo(plan.all().size());
        assertThat(notes).anyMatch(n -> n.startsWith("t2: agent 't2' did not connect within 1 s"));
    }

    @Test
    void aNonResultFollowedByAFailedHealthCheckIsInfrastructureAndRetriedAfterRecovery() throws Exception {
        FakeAgent t = agent("t", 40000);
        FakeAgent p = agent("p", 41000);
        dir.add(t).add(p);
        AtomicInteger partitioned = new AtomicInteger(1); // the link is down until the health check has failed once
        AtomicInteger healthChecks = new AtomicInteger();
        p.responder = s -> {
            boolean health = s.getCell().contains(":health/");
            if (s.hasConnect() && health) {
                healthChecks.incrementAndGet();
            }
            if (s.hasConnect() && partitioned.get() > 0) {
                if (health) {
                    partitioned.decrementAndGet();
                }
                return StepResult.newBuilder().setStatus(StepStatus.TIMEOUT).setMessage("partitioned").build();
            }
            return null;
        };
        CampaignPlan plan = CampaignPlan.of(bind("t", "p"), pick("seed/ESTABLISHED/none>none"), 1, 2, 1, 5000);
        List<CellRecord> journal = run(plan, null);
        CellRecord first = null;
        for (CellRecord r : journal) {
            if (r.getScenarioId().startsWith("seed/") && first == null) {
                first = r;
            }
        }
        assertThat(first.getOutcome()).isEqualTo(Outcome.INFRA_ERROR);
        assertThat(first.getReason()).contains("expected OK, got TIMEOUT").contains("failed their health check");
        assertThat(healthChecks.get()).isGreaterThanOrEqualTo(2);
        assertThat(notes).anyMatch(n -> n.contains("passed their health check again"));
    }

    @Test
    void aPortTheHostRefusesIsTakenOutAndTheCellRetriedOnAnother() throws Exception {
        FakeAgent t = agent("t", 40000);
        FakeAgent p = agent("p", 41000);
        dir.add(t).add(p);
        List<Integer> bound = new CopyOnWriteArrayList<Integer>();
        t.responder = s -> {
            if (s.hasBind()) {
                bound.add(s.getBind().getLocal().getPort());
                if (s.getBind().getLocal().getPort() == 40002) { // as if Windows had just excluded a range
                    return StepResult.newBuilder().setStatus(StepStatus.BAD_REQUEST).setPortUnusable(true).setCall("bind")
                            .setMessage("bind refused: port 40002 lies in Windows' excluded port range 40002-40002").build();
                }
            }
            return null;
        };
        CampaignPlan plan = CampaignPlan.of(bind("t", "p"), pick("bound/none>none/wild>wild/v4,bound/none>none/spec>wild/v4"),
                1, 2, 1, 5000);
        List<CellRecord> journal = run(plan, null);
        List<CellRecord> infra = new ArrayList<CellRecord>();
        for (CellRecord r : journal) {
            if (r.getOutcome() == Outcome.INFRA_ERROR) {
                infra.add(r);
            }
        }
        assertThat(infra).hasSize(1);
        assertThat(infra.get(0).getReason()).startsWith(CellRunner.PORT_UNUSABLE);
        assertThat(journal).filteredOn(r -> r.getScenarioId().equals(infra.get(0).getScenarioId()))
                .extracting(CellRecord::getOutcome).containsExactly(Outcome.INFRA_ERROR, Outcome.SUCCESS);
        assertThat(bound.stream().filter(x -> x == 40002).count()).as("40002 is never handed out again").isEqualTo(1);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }


    @Test
    void cellsThatWaitOutATimeOutAreSpreadThroughTheFirstTwoThirds() {
        Map<String, Scenario> byId = new java.util.HashMap<String, Scenario>();
        List<CellKey> cells = cellsOf(pick("conn/**"), byId);
        List<CellKey> waiting = new ArrayList<CellKey>();
        List<CellKey> working = new ArrayList<CellKey>();
        for (CellKey k : cells) {
            (byId.get(k.scenario()).plannedWaitMs() > 0 ? waiting : working).add(k);
        }
        assertThat(waiting).as("SYN_RECV and SYN_SENT cells").isNotEmpty();
        assertThat(working.size()).isGreaterThan(2 * waiting.size());

        List<CellKey> order = Campaign.spreadWaits(cells, byId);

        assertThat(order).containsExactlyInAnyOrderElementsOf(cells);
        List<Integer> at = new ArrayList<Integer>();
        List<CellKey> waitingAsRun = new ArrayList<CellKey>();
        List<CellKey> workingAsRun = new ArrayList<CellKey>();
        for (int i = 0; i < order.size(); i++) {
            boolean waits = byId.get(order.get(i).scenario()).plannedWaitMs() > 0;
            if (waits) {
                at.add(i);
            }
            (waits ? waitingAsRun : workingAsRun).add(order.get(i));
        }
        assertThat(waitingAsRun).as("waiting cells keep their order").isEqualTo(waiting);
        assertThat(workingAsRun).as("the others keep theirs").isEqualTo(working);
        double gap = (double) (cells.size() * 2 / 3) / waiting.size();
        for (int j = 0; j < at.size(); j++) {
            assertThat((double) at.get(j)).as("waiting cell %d of %d", j, at.size()).isCloseTo(j * gap,
                    org.assertj.core.data.Offset.offset(1.0));
        }
    }

    @Test
    void withoutWaitingCellsTheOrderIsKept() {
        Map<String, Scenario> byId = new java.util.HashMap<String, Scenario>();
        List<CellKey> cells = cellsOf(pick("listen/**"), byId);
        for (Scenario s : byId.values()) {
            assertThat(s.plannedWaitMs()).isZero();
        }
        assertThat(Campaign.spreadWaits(cells, byId)).isEqualTo(cells);
    }

    /** One cell per scenario on target t, in their order; byId gets the scenarios. */
    private static List<CellKey> cellsOf(List<Scenario> chosen, Map<String, Scenario> byId) {
        List<CellKey> cells = new ArrayList<CellKey>();
        for (Scenario s : chosen) {
            byId.put(s.id(), s);
            cells.add(new CellKey("t", s.id(), 1));
        }
        return cells;
    }
}
