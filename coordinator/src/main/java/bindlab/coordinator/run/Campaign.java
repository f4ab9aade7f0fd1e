// Runs a campaign: every target in parallel with its peer (a peer may serve several targets, on distinct ports),
// up to K cells at once per target; every cell journalled as soon as it is known; cells lost to infrastructure
// retried once their agents are back. Cells already in the journal (resume) are skipped.
package bindlab.coordinator.run;

import bindlab.coordinator.fleet.FleetHost;
import bindlab.coordinator.fleet.Inventory;
import bindlab.coordinator.hub.AgentHub;
import bindlab.coordinator.hub.AgentSession;
import bindlab.coordinator.scenario.Scenario;
import bindlab.coordinator.store.Journal;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.Outcome;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;

public final class Campaign {
    /** What a campaign runs: its hosts, scenarios, repeats and limits. */
    public record Plan(Inventory inventory, List<Scenario> scenarios, int repeat, int retries, int perHostParallel,
            Duration agentWait) {
    }

    private final AgentHub hub;
    private final Plan plan;
    private final Journal journal;
    private final String runId;
    private final Map<String, PortPool> ports = new ConcurrentHashMap<>();
    private final Map<Outcome, Integer> tally = new EnumMap<>(Outcome.class);
    private final List<Throwable> failures = new ArrayList<>();
    private volatile boolean stopping;
    /** Agents that did not come back within the wait: not waited for again until they reconnect. */
    private final Set<String> givenUp = ConcurrentHashMap.newKeySet();

    public Campaign(AgentHub hub, Plan plan, Journal journal, String runId) {
        this.hub = hub;
        this.plan = plan;
        this.journal = journal;
        this.runId = runId;
    }

    /** The cells still to run per target, controls first, skipping those done. */
    public Map<String, List<CellKey>> remaining(Set<CellKey> done) {
        Map<String, List<CellKey>> out = new LinkedHashMap<>();
        for (FleetHost t : plan.inventory().targets()) {
            List<CellKey> cells = new ArrayList<>();
            for (Scenario sc : plan.scenarios()) {
                for (int rep = 1; rep <= plan.repeat(); rep++) {
                    CellKey k = new CellKey(t.name(), sc.id(), rep);
                    if (!done.contains(k)) {
                        cells.add(k);
                    }
                }
            }
            out.put(t.name(), cells);
        }
        return out;
    }

    /** Runs the cells; returns the tally of final outcomes. Stops taking new cells once stop() is called. */
    public Map<Outcome, Integer> run(Map<String, List<CellKey>> cells, Progress progress) throws InterruptedException {
        Map<String, Scenario> byId = new LinkedHashMap<>();
        plan.scenarios().forEach(s -> byId.put(s.id(), s));
        List<Thread> workers = new ArrayList<>();
        for (FleetHost t : plan.inventory().targets()) {
            List<CellKey> mine = cells.getOrDefault(t.name(), List.of());
            int controls = (int) mine.stream().filter(k -> byId.get(k.scenario()).control() != null).count();
            ConcurrentLinkedQueue<CellKey> queue = new ConcurrentLinkedQueue<>(mine.subList(controls, mine.size()));
            List<CellKey> controlCells = mine.subList(0, controls);
            Thread lead = new Thread(() -> {
                // Controls first, alone; then K workers share the target's queue.
                work(t, new ConcurrentLinkedQueue<>(controlCells), byId, progress);
                List<Thread> helpers = new ArrayList<>();
                for (int i = 1; i < plan.perHostParallel(); i++) {
                    Thread h = new Thread(() -> work(t, queue, byId, progress), "cells-" + t.name() + "-" + i);
                    h.start();
                    helpers.add(h);
                }
                work(t, queue, byId, progress);
                for (Thread h : helpers) {
                    try {
                        h.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }, "cells-" + t.name());
            lead.start();
            workers.add(lead);
        }
        for (Thread w : workers) {
            w.join();
        }
        synchronized (failures) {
            if (!failures.isEmpty()) {
                throw new IllegalStateException("campaign failed: " + failures.get(0), failures.get(0));
            }
        }
        return tally;
    }

    /** Agents known to be missing before the start: their cells fail fast until they connect. */
    public void givenUp(List<String> agents) {
        givenUp.addAll(agents);
    }

    public void stop() {
        stopping = true;
    }

    public boolean stopped() {
        return stopping;
    }

    private void work(FleetHost target, ConcurrentLinkedQueue<CellKey> queue, Map<String, Scenario> byId, Progress progress) {
        CellKey k;
        while (!stopping && (k = queue.poll()) != null) {
            try {
                CellRecord rec = runCell(target, byId.get(k.scenario()), k.repeat(), progress);
                if (rec != null) {
                    synchronized (tally) {
                        tally.merge(rec.getOutcome(), 1, Integer::sum);
                    }
                    progress.cellDone(rec);
                }
            } catch (IOException | RuntimeException e) {
                synchronized (failures) {
                    failures.add(e);
                }
                stopping = true; // the journal cannot be written: nothing further would be kept
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One cell with its retries; each attempt is journalled. Null if the campaign stopped before a final record. */
    private CellRecord runCell(FleetHost target, Scenario sc, int rep, Progress progress)
            throws IOException, InterruptedException {
        CellRecord rec = null;
        for (int attempt = 1; attempt <= plan.retries() + 1; attempt++) {
            rec = attempt(target, sc, rep, attempt);
            journal.write(rec);
            if (rec.getOutcome() != Outcome.INFRA_ERROR) {
                return rec;
            }
            if (stopping) {
                return null; // interrupted: resume runs it again
            }
            progress.note(String.format("%s: %s #%d attempt %d: INFRA_ERROR (%s)%s", target.name(), sc.id(), rep,
                    attempt, rec.getReason(), attempt <= plan.retries() ? "; retrying when the agents are back" : "; giving up"));
        }
        return rec;
    }

    private CellRecord attempt(FleetHost target, Scenario sc, int rep, int attempt) throws InterruptedException {
        Map<String, AgentSession> agents;
        try {
            // A host that already missed one whole wait is not waited for again cell by cell: its cells fail fast
            // (journalled, so resume retries them) until it is back.
            boolean gone = givenUp.contains(target.name()) || givenUp.contains(target.peer());
            agents = hub.await(List.of(target.name(), target.peer()), gone ? java.time.Duration.ZERO : plan.agentWait());
            givenUp.remove(target.name());
            givenUp.remove(target.peer());
        } catch (IllegalStateException e) {
            if (hub.agent(target.name()) == null) {
                givenUp.add(target.name());
            }
            if (hub.agent(target.peer()) == null) {
                givenUp.add(target.peer());
            }
            return CellRecord.newBuilder().setRunId(runId).setScenarioId(sc.id()).setTargetHost(target.name())
                    .setPeerHost(target.peer()).setRepeat(rep).setAttempt(attempt).setOutcome(Outcome.INFRA_ERROR)
                    .setReason(e.getMessage()).setStartedUnixMs(System.currentTimeMillis()).build();
        }
        AgentSession t = agents.get(target.name());
        AgentSession p = agents.get(target.peer());
        try {
            int port = pool(t).take(t);
            int peerPort = pool(p).take(p);
            return new CellRunner(t, p).run(runId, sc, rep, attempt, port, peerPort);
        } catch (ExecutionException | IllegalStateException e) {
            return CellRecord.newBuilder().setRunId(runId).setScenarioId(sc.id()).setTargetHost(target.name())
                    .setPeerHost(target.peer()).setTargetIdentity(t.hello().getIdentity()).setRepeat(rep)
                    .setAttempt(attempt).setOutcome(Outcome.INFRA_ERROR)
                    .setReason("could not take a clean port: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()))
                    .setStartedUnixMs(System.currentTimeMillis()).build();
        }
    }

    /** One pool per agent: a peer serving several targets hands each cell its own port. */
    private PortPool pool(AgentSession agent) {
        return ports.computeIfAbsent(agent.name(), n -> new PortPool(agent.hello().getPorts()));
    }
}
