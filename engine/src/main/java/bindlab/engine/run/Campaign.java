// Runs a campaign: every target in parallel with its peer (a peer may serve several targets, on distinct ports);
// per target the controls first and alone, then up to K cells at once (on distinct ports: cells are independent);
// every attempt journalled as soon as it is known, and a cell reported done only once its record is on disk. A cell
// lost to infrastructure is retried once its agents are back; a cell that gave no result is followed
// by a health check of its hosts, and if they fail it, the cell counts as infrastructure, never as a result. A
// target whose agents stay away longer than the wait is left, with its remaining cells, for resume.
package bindlab.engine.run;

import bindlab.engine.Outcomes;
import bindlab.engine.scenario.Catalog;
import bindlab.engine.scenario.Scenario;
import bindlab.engine.store.Journal;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.HostBinding;
import bindlab.proto.v1.Outcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

public final class Campaign {
    /** What a campaign tells its user while it runs. */
    public interface Events {
        /** A cell has its final record (a result, or INFRA_ERROR after the last retry). */
        void cellDone(CellRecord rec);

        /** Something the user must see: an agent lost, a retry, a target left for resume. */
        void note(String message);

        /**
         * The target and peer failed their health check: a lab may repair its own invariants here (addresses,
         * routes). Called before each re-check while the campaign waits for the hosts to be healthy again.
         */
        default void unhealthy(String target, String peer, String problem) {
        }
    }

    private static final long HEALTH_POLL_MS = 1000;
    /**
     * At most this many cells hold resources on one agent at once: a peer shared by many targets would otherwise
     * get K cells from each. Agents that say their own cap (SandboxLimits.max_cells, 64 today) get at most that.
     */
    static final int MAX_CELLS_PER_AGENT = 64;
    /** How long the end of a campaign waits for releases sent without waiting (each has its own step timeout). */
    private static final long RELEASE_WAIT_MS = 15000;

    private final CampaignPlan plan;
    private final AgentDirectory agents;
    private final Journal journal;
    private final String runId;
    private final Events events;
    private final Map<String, PortPool> ports = new ConcurrentHashMap<String, PortPool>();
    private final Map<Outcome, Integer> tally = new EnumMap<Outcome, Integer>(Outcome.class);
    private final List<Throwable> failures = new ArrayList<Throwable>();
    /** Targets whose agents stayed away: their remaining cells are left for resume. */
    private final Set<String> left = ConcurrentHashMap.newKeySet();
    private final AtomicInteger leftCells = new AtomicInteger();
    /** Per target: whether its hosts are being nursed back to health (see runCell). */
    private final Map<String, Gate> gates = new ConcurrentHashMap<String, Gate>();
    /** Cell slots per agent name (see slots()). */
    private final Map<String, Semaphore> slots = new ConcurrentHashMap<String, Semaphore>();
    /** Per scenario and CellRunner.applicabilityKey: whether such hosts can run it. */
    private final Map<String, Boolean> applicability = new ConcurrentHashMap<String, Boolean>();
    /** Work that must end before the campaign does: records on their way to disk, releases sent without waiting. */
    private final Set<CompletableFuture<?>> outstanding = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    public Campaign(CampaignPlan plan, AgentDirectory agents, Journal journal, String runId, Events events) {
        this.plan = plan;
        this.agents = agents;
        this.journal = journal;
        this.runId = runId;
        this.events = events;
    }

    /**
     * Runs the cells; returns the tally of final outcomes. Stops taking new cells once stop() is called. A journal
     * that cannot be written stops the campaign and is rethrown; so is a bug.
     */
    public Map<Outcome, Integer> run(Map<String, List<CellKey>> cells) throws InterruptedException, IOException {
        Map<String, Scenario> byId = new LinkedHashMap<String, Scenario>();
        for (Scenario s : plan.all()) {
            byId.put(s.id(), s);
        }
        List<Thread> workers = new ArrayList<Thread>();
        for (final HostBinding b : plan.bindings()) {
            List<CellKey> mine = cells.containsKey(b.getTarget()) ? cells.get(b.getTarget()) : new ArrayList<CellKey>();
            final ConcurrentLinkedQueue<CellKey> controls = new ConcurrentLinkedQueue<CellKey>();
            List<CellKey> others = new ArrayList<CellKey>();
            for (CellKey k : mine) {
                if (byId.get(k.scenario()).isControl()) {
                    controls.add(k);
                } else {
                    others.add(k);
                }
            }
            final ConcurrentLinkedQueue<CellKey> rest = new ConcurrentLinkedQueue<CellKey>(spreadWaits(others, byId));
            Thread lead = new Thread(() -> {
                // The controls decide whether the host is trusted: they run first and alone.
                work(b, controls, byId);
                List<Thread> helpers = new ArrayList<Thread>();
                for (int i = 1; i < plan.parallel(); i++) {
                    Thread h = new Thread(() -> work(b, rest, byId), "cells-" + b.getTarget() + "-" + i);
                    h.start();
                    helpers.add(h);
                }
                work(b, rest, byId);
                for (Thread h : helpers) {
                    try {
                        h.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (left.contains(b.getTarget()) || stopping) {
                    leftCells.addAndGet(controls.size() + rest.size());
                }
            }, "cells-" + b.getTarget());
            lead.start();
            workers.add(lead);
        }
        for (Thread w : workers) {
            w.join();
        }
        for (CompletableFuture<?> f : new ArrayList<CompletableFuture<?>>(outstanding)) {
            try {
                f.get(RELEASE_WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // a failed record surfaced through failures; a release that does not come is the agent's to clean up
            }
        }
        synchronized (failures) {
            if (!failures.isEmpty()) {
                Throwable f = failures.get(0);
                if (f instanceof IOException) {
                    throw (IOException) f;
                }
                if (f instanceof RuntimeException) {
                    throw (RuntimeException) f;
                }
                throw new IllegalStateException("campaign failed: " + f, f);
            }
        }
        synchronized (tally) {
            return new EnumMap<Outcome, Integer>(tally);
        }
    }

    /**
     * The cells in their order, but those that wait out a time-out on purpose (SYN_RECV, SYN_SENT) spread evenly
     * through the first two thirds of the others. Run as a block, they take every slot at once and leave the CPU idle
     * (the 486-cell set: three rounds of 0.3 s waits at the end of 3.3 s of cells); spread, their waits overlap work.
     */
    static List<CellKey> spreadWaits(List<CellKey> cells, Map<String, Scenario> byId) {
        List<CellKey> waiting = new ArrayList<CellKey>();
        List<CellKey> working = new ArrayList<CellKey>();
        for (CellKey k : cells) {
            (byId.get(k.scenario()).plannedWaitMs() > 0 ? waiting : working).add(k);
        }
        if (waiting.isEmpty() || working.isEmpty()) {
            return cells;
        }
        long span = Math.max(1, cells.size() * 2L / 3); // positions the waiting cells are spread over
        List<CellKey> out = new ArrayList<CellKey>(cells.size());
        int w = 0;
        int o = 0;
        for (int i = 0; i < cells.size(); i++) {
            boolean due = w < waiting.size() && i >= w * span / waiting.size();
            out.add(due || o == working.size() ? waiting.get(w++) : working.get(o++));
        }
        return out;
    }

    /** Cells not run because their target's agents stayed away (resume runs them). */
    public int leftForResume() {
        return leftCells.get();
    }

    public void stop() {
        stopping = true;
    }

    public boolean stopped() {
        return stopping;
    }

    private void work(HostBinding b, ConcurrentLinkedQueue<CellKey> queue, Map<String, Scenario> byId) {
        CellKey k;
        while (!stopping && !left.contains(b.getTarget()) && (k = queue.poll()) != null) {
            try {
                Written w = runCell(b, byId.get(k.scenario()), k.repeat());
                if (w == null) {
                    queue.add(k); // never ran to a final record: resume runs it
                    continue;
                }
                CellRecord rec = w.record;
                track(w.durable.thenRun(() -> { // reported only once on disk: a crash after this never loses the cell
                    synchronized (tally) {
                        Integer n = tally.get(rec.getOutcome());
                        tally.put(rec.getOutcome(), n == null ? 1 : n + 1);
                    }
                    events.cellDone(rec);
                }));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException | Error e) {
                synchronized (failures) {
                    failures.add(e);
                }
                stopping = true; // the journal cannot be written, or a bug: nothing further would be right
            }
        }
    }

    /**
     * One target's health, shared by its cells running at once: closed while one cell's worker waits for the hosts
     * to pass their health check again (the others wait too), and how many times they were found unhealthy.
     */
    private static final class Gate {
        private boolean closed;
        private long episodes;

        synchronized long episodes() {
            return episodes;
        }

        /** Counts an episode; true for the one caller that closes the gate and so nurses the hosts. */
        synchronized boolean close() {
            episodes++;
            if (closed) {
                return false;
            }
            closed = true;
            return true;
        }

        synchronized void open() {
            closed = false;
            notifyAll();
        }

        synchronized void awaitOpen() throws InterruptedException {
            while (closed) {
                wait();
            }
        }
    }

    /** A final record and the future that completes once it is on disk. */
    private static final class Written {
        final CellRecord record;
        final CompletableFuture<Void> durable;

        Written(CellRecord record, CompletableFuture<Void> durable) {
            this.record = record;
            this.durable = durable;
        }
    }

    /** Appends to the journal; a failed fsync stops the campaign and is rethrown by run(). */
    private CompletableFuture<Void> journal(CellRecord rec) throws IOException {
        CompletableFuture<Void> f = journal.add(rec);
        track(f.whenComplete((v, e) -> {
            if (e != null) {
                synchronized (failures) {
                    failures.add(e instanceof java.util.concurrent.CompletionException ? e.getCause() : e);
                }
                stopping = true;
            }
        }));
        return f;
    }

    private void track(CompletableFuture<?> f) {
        outstanding.add(f);
        f.whenComplete((v, e) -> outstanding.remove(f));
    }

    /** One cell with its retries; each attempt that ran is journalled. Null if it has no final record yet. */
    private Written runCell(HostBinding b, Scenario sc, int rep) throws IOException, InterruptedException {
        Written last = null;
        Gate gate = gates.computeIfAbsent(b.getTarget(), t -> new Gate());
        for (int attempt = 1; attempt <= plan.retries() + 1; attempt++) {
            gate.awaitOpen(); // no cell of a target starts while its hosts are being nursed back to health
            Agent target = present(b.getTarget(), b);
            Agent peer = target == null ? null : present(b.getPeer(), b);
            if (target == null || peer == null || stopping) {
                return null;
            }
            long episodes = gate.episodes();
            CellRecord rec = attempt(target, peer, sc, rep, attempt);
            if (rec.getOutcome() == Outcome.INVALID_SETUP || rec.getOutcome() == Outcome.INFRA_ERROR) {
                String sick = health(target, peer);
                if (sick != null) {
                    journal(notAResult(rec, "then the hosts failed their health check (" + sick + ")"));
                    if (gate.close()) { // the first cell to find them unhealthy nurses them; the others wait
                        events.note(b.getTarget() + ": " + sc.id() + " #" + rep + ": the hosts failed their health"
                                + " check (" + sick + "); waiting for them to recover");
                        boolean back = recovered(b, target, peer);
                        gate.open();
                        if (!back) {
                            return null;
                        }
                    }
                    continue;
                }
                if (gate.episodes() != episodes) {
                    // Cells run at once: another cell of this target found the hosts unhealthy while this one ran,
                    // so this non-result may be the fault's, even though the hosts are healthy again now.
                    journal(notAResult(rec, "the hosts failed a health check while this cell ran"));
                    continue;
                }
            }
            last = new Written(rec, journal(rec));
            if (rec.getOutcome() != Outcome.INFRA_ERROR) {
                return last;
            }
            if (stopping) {
                return null;
            }
            events.note(String.format("%s: %s #%d attempt %d: INFRA_ERROR (%s)%s", b.getTarget(), sc.id(), rep, attempt,
                    rec.getReason(), attempt <= plan.retries() ? "; retrying once the agents are back" : "; giving up"));
        }
        return last;
    }

    /** An attempt that a fault may have spoiled: INFRA_ERROR, never a measurement; its own reason kept, why added. */
    private static CellRecord notAResult(CellRecord rec, String why) {
        return rec.toBuilder().setOutcome(Outcome.INFRA_ERROR)
                .setReason(rec.getReason() + "; " + why + ", so this is not a result").build();
    }

    private CellRecord attempt(Agent target, Agent peer, Scenario sc, int rep, int attempt) throws InterruptedException {
        List<CompletableFuture<?>> peerRelease = new ArrayList<CompletableFuture<?>>(1);
        CellRunner runner = new CellRunner(target, peer, f -> {
            track(f);
            peerRelease.add(f);
        });
        boolean applicable = applicability.computeIfAbsent(sc.id() + "\0" + runner.applicabilityKey(),
                k -> runner.notApplicableReason(sc) == null);
        if (!applicable) {
            // no port taken, no message sent; the reason names these hosts, so it is worded for them
            return runner.recordWithout(runId, sc, rep, attempt, Outcome.NOT_APPLICABLE, runner.notApplicableReason(sc))
                    .toBuilder()
                    .setTopology(plan.topology()).build();
        }
        PortPool targetPorts = pool(target);
        PortPool peerPorts = pool(peer);
        Semaphore targetSlots = slots(target);
        Semaphore peerSlots = slots(peer);
        int port = -1;
        int peerPort = -1;
        targetSlots.acquire(); // in this order only (targets before peers): no two cells wait on each other
        boolean peerHeld = false;
        try {
            peerSlots.acquire();
            peerHeld = true;
            port = targetPorts.take(target);
            peerPort = CellRunner.usesPeerPort(sc) ? peerPorts.take(peer) : 0;
            CellRecord rec = runner.run(runId, sc, rep, attempt, port, peerPort).toBuilder()
                    .setTopology(plan.topology()).build();
            if (rec.getOutcome() == Outcome.INFRA_ERROR && rec.getReason().startsWith(CellRunner.PORT_UNUSABLE)) {
                targetPorts.exclude(port); // never handed out again in this run
            }
            return rec;
        } catch (InfraFailure e) {
            return runner.recordWithout(runId, sc, rep, attempt, Outcome.INFRA_ERROR, e.getMessage()).toBuilder()
                    .setTopology(plan.topology()).build();
        } finally {
            if (port > 0) {
                targetPorts.free(port);
            }
            if (peerPort > 0) {
                peerPorts.free(peerPort);
            }
            targetSlots.release();
            if (peerHeld && peerRelease.isEmpty()) {
                peerSlots.release();
            } else if (peerHeld) {
                peerRelease.get(0).whenComplete((r, e) -> peerSlots.release()); // the peer holds the cell till then
            }
        }
    }

    /**
     * Cells an agent holds at once, whichever targets they are for (a peer serves several): its sandbox's own cap
     * when its Hello says one (SandboxLimits.max_cells), else MAX_CELLS_PER_AGENT.
     */
    private Semaphore slots(Agent agent) {
        int cap = agent.hello().getLimits().getMaxCells();
        return slots.computeIfAbsent(agent.name(), n -> new Semaphore(cap > 0 ? Math.min(cap, MAX_CELLS_PER_AGENT)
                : MAX_CELLS_PER_AGENT));
    }

    /** The agent, waiting up to the plan's wait; null (and the target left for resume) if it stays away. */
    private Agent present(String name, HostBinding b) throws InterruptedException {
        if (left.contains(b.getTarget())) {
            return null;
        }
        Agent a = agents.await(name, plan.agentWaitMs());
        if (a == null && left.add(b.getTarget())) {
            String gone = agents.gone(name);
            events.note(b.getTarget() + ": agent '" + name + "' " + (gone != null ? "is gone (" + gone + ")"
                    : "did not connect within " + plan.agentWaitMs() / 1000 + " s")
                    + "; this target's remaining cells are left for 'bindlab resume'");
        }
        return a;
    }

    /** Null if the target and peer pass the health check, else what failed. */
    String health(Agent target, Agent peer) throws InterruptedException {
        for (Scenario sc : Catalog.health()) {
            CellRecord r = attempt(target, peer, sc, 1, 1);
            if (r.getOutcome() != Outcome.NOT_APPLICABLE && !Outcomes.isResult(r.getOutcome())) {
                return sc.id() + ": " + Outcomes.label(r.getOutcome()) + " " + r.getReason();
            }
        }
        return null;
    }

    /** Waits (up to the plan's wait) for the hosts to pass the health check again; false: left for resume. */
    private boolean recovered(HostBinding b, Agent target, Agent peer) throws InterruptedException {
        long deadline = System.currentTimeMillis() + plan.agentWaitMs();
        String sick = "not checked yet";
        while (!stopping && System.currentTimeMillis() < deadline) {
            events.unhealthy(b.getTarget(), b.getPeer(), sick);
            Agent t = agents.await(b.getTarget(), 0);
            Agent p = agents.await(b.getPeer(), 0);
            if (t != null && p != null) {
                target = t;
                peer = p;
                sick = health(target, peer);
                if (sick == null) {
                    events.note(b.getTarget() + ": the hosts passed their health check again; going on");
                    return true;
                }
            }
            Thread.sleep(HEALTH_POLL_MS);
        }
        if (left.add(b.getTarget()) && !stopping) { // stopped: the stop's own message says what is left
            events.note(b.getTarget() + ": the hosts are still unhealthy after " + plan.agentWaitMs() / 1000 + " s ("
                    + sick + "); this target's remaining cells are left for 'bindlab resume'");
        }
        return false;
    }

    /** One pool per agent: a peer serving several targets hands each cell its own port. */
    private PortPool pool(Agent agent) {
        PortPool p = ports.get(agent.name());
        if (p == null) {
            ports.putIfAbsent(agent.name(), new PortPool(agent.hello()));
            p = ports.get(agent.name());
        }
        return p;
    }
}
