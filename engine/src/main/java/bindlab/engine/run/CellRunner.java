// Runs one cell: one scenario on one target (with its peer) on fresh ports. Setup steps must succeed, the target's
// TCP table must show the intended state right before and right after the probe, and only then is the probe's
// result a measurement. Consecutive steps of one role travel as one batch, and the cell's release rides in the
// last batch (the other agent's release is sent without waiting for it). Lost agents and timeouts are InfraFailure
// (INFRA_ERROR); a state not reached is INVALID_SETUP; a first socket the host refuses is SETUP_REFUSED.
package bindlab.engine.run;

import bindlab.engine.Outcomes;
import bindlab.engine.scenario.Resolver;
import bindlab.engine.scenario.Role;
import bindlab.engine.scenario.Scenario;
import bindlab.engine.scenario.StepLine;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.Hello;
import bindlab.proto.v1.ObserveTcp;
import bindlab.proto.v1.OptionReadback;
import bindlab.proto.v1.Outcome;
import bindlab.proto.v1.Release;
import bindlab.proto.v1.SockOption;
import bindlab.proto.v1.Step;
import bindlab.proto.v1.StepRecord;
import bindlab.proto.v1.StepResult;
import bindlab.proto.v1.StepStatus;
import bindlab.proto.v1.TcpRow;
import bindlab.proto.v1.TcpState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

public final class CellRunner {
    /** A step's default timeout at the agent. */
    public static final int STEP_TIMEOUT_MS = 5000;
    private static final int BEFORE = -1;
    private static final int AFTER = -2;
    private static final long RELEASE_ID = 100003;

    private final Agent target;
    private final Agent peer;
    private final Consumer<CompletableFuture<?>> background;
    /** The agent whose last batch carried the release (null: none did, so both are released after the steps). */
    private Agent releasedInBatch;
    /** Whether any step went to the peer: a peer that was sent nothing holds nothing of this cell. */
    private boolean peerUsed;

    public CellRunner(Agent target, Agent peer) {
        this(target, peer, f -> { });
    }

    /** background is handed the release sent without waiting, so the caller can wait for it before it ends. */
    public CellRunner(Agent target, Agent peer, Consumer<CompletableFuture<?>> background) {
        this.target = target;
        this.peer = peer;
        this.background = background;
    }

    /** Whether the script uses the peer's own port ($PEERPORT): only then does the cell take one from the peer. */
    public static boolean usesPeerPort(Scenario sc) {
        for (StepLine l : sc.steps()) {
            if (l.text().contains("$PEERPORT")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why these hosts cannot run the scenario (an option, an address, a filter they lack), or null: decided before any
     * port is taken, with no message to an agent. It depends only on the scenario and the two Hellos.
     */
    public String notApplicableReason(Scenario sc) {
        Resolver resolver = new Resolver(cellId(sc, 0, 0), 0, 0, addresses(), STEP_TIMEOUT_MS);
        try {
            return notApplicable(sc, resolve(sc, resolver));
        } catch (Resolver.Missing e) {
            return "no address for " + e.ref() + " on these hosts";
        }
    }

    /**
     * Everything of the two Hellos that notApplicableReason reads, apart from names: equal keys, equal applicability
     * of any scenario. So a campaign decides once per scenario for many targets alike.
     */
    public String applicabilityKey() {
        return key(target.hello()) + "|" + key(peer.hello());
    }

    private static String key(Hello h) {
        return h.getCapabilities().getOptionsList() + "," + h.getCapabilities().getOtherUser() + ","
                + h.getCapabilities().getPacketFilter() + "," + h.getAddressV4().isEmpty() + ","
                + h.getAddressV6().isEmpty();
    }

    /**
     * The record of an attempt that ran no step: NOT_APPLICABLE (a reason from notApplicableReason), or INFRA_ERROR
     * when the cell could not start (no port, an agent gone).
     */
    public CellRecord recordWithout(String runId, Scenario sc, int repeat, int attempt, Outcome outcome,
            String reason) {
        long started = System.currentTimeMillis();
        return finish(header(runId, sc, repeat, attempt, 0, started).setOutcome(outcome).setReason(reason), started);
    }

    /** The record of one attempt; INFRA_ERROR when an agent failed it (never thrown). */
    public CellRecord run(String runId, Scenario sc, int repeat, int attempt, int port, int peerPort)
            throws InterruptedException {
        long started = System.currentTimeMillis();
        String cell = cellId(sc, repeat, attempt);
        CellRecord.Builder rec = header(runId, sc, repeat, attempt, port, started);
        Resolver resolver = new Resolver(cell, port, peerPort, addresses(), STEP_TIMEOUT_MS);
        List<Step> steps;
        try {
            steps = resolve(sc, resolver);
        } catch (Resolver.Missing e) {
            return finish(rec.setOutcome(Outcome.NOT_APPLICABLE).setReason("no address for " + e.ref()
                    + " on these hosts"), started);
        }
        String na = notApplicable(sc, steps);
        if (na != null) {
            return finish(rec.setOutcome(Outcome.NOT_APPLICABLE).setReason(na), started);
        }
        releasedInBatch = null;
        peerUsed = false;
        try {
            execute(sc, steps, resolver, rec);
        } catch (InfraFailure e) {
            rec.clearOutcome().setOutcome(Outcome.INFRA_ERROR).setReason(e.getMessage());
        } finally {
            // The target is released before its port goes back to the pool; the peer's release need not be waited for
            // (its sockets and rules are this cell's alone, and a port is checked clean before it is used again).
            if (releasedInBatch != target) {
                release(target, cell);
            }
            if (releasedInBatch != peer && peerUsed) {
                background.accept(releaseAsync(peer, cell));
            }
        }
        return finish(rec, started);
    }

    /** Unique on the peer too: a peer serves several targets at once. */
    private String cellId(Scenario sc, int repeat, int attempt) {
        return target.name() + ":" + sc.id() + "#" + repeat + "." + attempt;
    }

    private CellRecord.Builder header(String runId, Scenario sc, int repeat, int attempt, int port, long started) {
        return CellRecord.newBuilder().setRunId(runId).setScenarioId(sc.id())
                .setTargetHost(target.name()).setPeerHost(peer.name()).setTargetIdentity(target.hello().getIdentity())
                .setRepeat(repeat).setAttempt(attempt).setPort(port).setIntendedState(sc.state())
                .addAllIntendedStates(sc.states()).setIntendedAll(sc.allStates()).setControl(sc.isControl())
                .setControlExpected(sc.isControl() ? sc.control() : "").setStartedUnixMs(started);
    }

    private static List<Step> resolve(Scenario sc, Resolver resolver) {
        List<Step> steps = new ArrayList<Step>();
        for (int i = 0; i < sc.steps().size(); i++) {
            StepLine line = sc.steps().get(i);
            steps.add(line.resolve(resolver).toBuilder().setId(i + 1)
                    .setGoOnError(line.expect().allowsError() && !line.probe()).build());
        }
        return steps;
    }

    /** Runs the batches in order; stops at the first problem, which sets the outcome. */
    private void execute(Scenario sc, List<Step> steps, Resolver resolver, CellRecord.Builder rec)
            throws InfraFailure, InterruptedException {
        List<List<Integer>> batches = batches(sc);
        StepResult probeFailure = null;
        for (int b = 0; b < batches.size(); b++) {
            List<Integer> batch = batches.get(b);
            Agent agent = sc.steps().get(firstLine(batch)).role() == Role.TARGET ? target : peer;
            List<Step> send = new ArrayList<Step>();
            for (int i : batch) {
                send.add(i >= 0 ? steps.get(i) : observe(resolver, i));
            }
            if (b == batches.size() - 1) {
                // the cell's last batch also releases what the cell holds on that agent: one round trip fewer
                send.add(releaseStep(resolver.cell()).toBuilder().setId(RELEASE_ID).setAlways(true).build());
            }
            peerUsed |= agent == peer;
            Map<Long, StepResult> byId = new HashMap<Long, StepResult>();
            for (StepResult r : agent.call(send)) {
                byId.put(r.getStepId(), r);
            }
            if (byId.containsKey(RELEASE_ID)) {
                releasedInBatch = agent;
            }
            for (int k = 0; k < batch.size(); k++) {
                int i = batch.get(k);
                StepResult r = byId.get(send.get(k).getId());
                if (r == null) {
                    continue; // skipped: the batch stopped after a failed probe call
                }
                if (i < 0) {
                    if (!stateSeen(sc, resolver, rec, r, i == BEFORE)) {
                        return;
                    }
                    continue;
                }
                StepLine line = sc.steps().get(i);
                if (r.getPortUnusable()) {
                    // the host cannot use this port at all (Windows' excluded ranges): no cell can be measured on it
                    throw new PortUnusable(r.getMessage());
                }
                rec.addSteps(StepRecord.newBuilder().setLine(line.line()).setRole(line.role().word())
                        .setText(line.text()).setStep(send.get(k)).setResult(r).setProbe(line.probe()));
                Step step = send.get(k);
                if (step.hasSetsockopt() && line.role() == Role.TARGET && r.getStatus() == StepStatus.OK) {
                    rec.addOptions(OptionReadback.newBuilder().setSocket(step.getSetsockopt().getSocket())
                            .setOption(step.getSetsockopt().getOption()).setRequested(step.getSetsockopt().getValue())
                            .setReadback(r.getReadback()));
                }
                if (line.probe()) {
                    String problem = probeProblem(r);
                    if (problem != null) {
                        rec.setOutcome(r.getStatus() == StepStatus.UNSUPPORTED ? Outcome.NOT_APPLICABLE
                                : Outcome.INVALID_SETUP).setReason(where(line) + problem);
                        return;
                    }
                    if (r.getStatus() == StepStatus.ERROR && probeFailure == null) {
                        probeFailure = r;
                    }
                    continue;
                }
                if (step.hasSetsockopt() && line.role() == Role.TARGET && r.getStatus() == StepStatus.ERROR
                        && !line.expect().accepts(r.getErrorName())) {
                    // The host refuses this option setup on the first socket: a fact about the host, with its code.
                    rec.setOutcome(Outcome.SETUP_REFUSED).setErrorName(r.getErrorName()).setRawCode(r.getRawCode())
                            .setFailedCall("setsockopt").setReason(where(line) + "the host refused "
                            + step.getSetsockopt().getOption() + " on " + step.getSetsockopt().getSocket() + ": "
                            + r.getErrorName() + " (" + r.getRawCode() + ")");
                    return;
                }
                String problem = setupProblem(line, r);
                if (problem != null) {
                    rec.setOutcome(r.getStatus() == StepStatus.UNSUPPORTED ? Outcome.NOT_APPLICABLE
                            : Outcome.INVALID_SETUP).setReason(where(line) + problem);
                    return;
                }
            }
        }
        if (probeFailure == null) {
            rec.setOutcome(Outcome.SUCCESS);
        } else {
            rec.setOutcome(Outcomes.fromErrorName(probeFailure.getErrorName())).setErrorName(probeFailure.getErrorName())
                    .setRawCode(probeFailure.getRawCode()).setFailedCall(probeFailure.getCall());
        }
    }

    /**
     * The script's lines grouped into batches of consecutive lines of one role, with the table read right before the
     * first probe line (BEFORE) and right after the last one (AFTER), in the target's batch.
     */
    static List<List<Integer>> batches(Scenario sc) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < sc.steps().size(); i++) {
            if (sc.steps().get(i).probe()) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        List<List<Integer>> out = new ArrayList<List<Integer>>();
        Role role = null;
        for (int i = 0; i < sc.steps().size(); i++) {
            Role r = sc.steps().get(i).role();
            if (r != role) {
                out.add(new ArrayList<Integer>());
                role = r;
            }
            List<Integer> cur = out.get(out.size() - 1);
            if (i == first) {
                cur.add(BEFORE);
            }
            cur.add(i);
            if (i == last) {
                cur.add(AFTER);
            }
        }
        return out;
    }

    private static int firstLine(List<Integer> batch) {
        for (int i : batch) {
            if (i >= 0) {
                return i;
            }
        }
        throw new IllegalStateException("a batch without a script line");
    }

    /** The table read around the probe: before it stops the batch if it fails; after it always runs. */
    private static Step observe(Resolver resolver, int which) {
        return Step.newBuilder().setId(which == BEFORE ? 100001 : 100002).setCell(resolver.cell())
                .setTimeoutMs(STEP_TIMEOUT_MS).setAlways(which == AFTER)
                .setObserveTcp(ObserveTcp.newBuilder().setPort(resolver.port())).build();
    }

    /** Keeps the rows; false (and INVALID_SETUP) when the intended state is not on the port. */
    private static boolean stateSeen(Scenario sc, Resolver resolver, CellRecord.Builder rec, StepResult r,
            boolean before) throws InfraFailure {
        if (r.getStatus() != StepStatus.OK) {
            throw new InfraFailure("could not read the target's TCP table: " + r.getStatus() + " " + r.getMessage());
        }
        if (before) {
            rec.addAllRowsBefore(r.getRowsList());
        } else {
            rec.addAllRowsAfter(r.getRowsList());
        }
        String bad = stateProblem(sc.states(), sc.allStates(), resolver.port(), r.getRowsList(), before);
        if (bad != null) {
            rec.setOutcome(Outcome.INVALID_SETUP).setReason((before ? "before the probe: " : "right after the probe: ")
                    + bad);
            return false;
        }
        return true;
    }

    /**
     * Null if the intended states are on the port: any one of them, or every one of them when all is set. "none"
     * (UNSPECIFIED) is no row at all before the probe; right after it, no row but LISTEN, since a probe that
     * succeeds leaves its own listener there.
     */
    public static String stateProblem(List<TcpState> intended, boolean all, int port, List<TcpRow> rows,
            boolean before) {
        List<TcpRow> local = new ArrayList<TcpRow>();
        for (TcpRow r : rows) {
            if (r.getLocal().getPort() == port) {
                local.add(r);
            }
        }
        StringBuilder wanted = new StringBuilder();
        boolean allSeen = true;
        for (TcpState want : intended) {
            boolean ok = seen(want, local, before);
            if (ok && !all) {
                return null;
            }
            allSeen &= ok;
            wanted.append(wanted.length() == 0 ? "" : all ? " and " : " or ")
                    .append(want == TcpState.TCP_STATE_UNSPECIFIED ? (before ? "no row" : "no row but LISTEN")
                            : want.name());
        }
        if (all && allSeen) {
            return null;
        }
        return "expected " + wanted + " on port " + port + "; observed " + Outcomes.states(local);
    }

    private static boolean seen(TcpState want, List<TcpRow> local, boolean before) {
        if (want == TcpState.TCP_STATE_UNSPECIFIED) {
            for (TcpRow r : local) {
                if (before || r.getState() != TcpState.LISTEN) {
                    return false;
                }
            }
            return true;
        }
        for (TcpRow r : local) {
            if (r.getState() == want) {
                return true;
            }
        }
        return false;
    }

    private static String where(StepLine line) {
        return "line " + line.line() + " '" + line.text() + "': ";
    }

    private static String probeProblem(StepResult r) {
        switch (r.getStatus()) {
            case OK:
            case ERROR:
                return null;
            case UNSUPPORTED:
                return "unsupported here: " + r.getMessage();
            default:
                return "probe did not complete: " + r.getStatus() + " " + r.getMessage();
        }
    }

    private static String setupProblem(StepLine line, StepResult r) {
        String got;
        switch (r.getStatus()) {
            case OK:
                got = "OK";
                break;
            case ERROR:
                got = r.getErrorName();
                break;
            case TIMEOUT:
                got = "TIMEOUT";
                break;
            default:
                return r.getStatus().name() + ": " + r.getMessage();
        }
        return line.expect().accepts(got) ? null : "expected " + line.expect().outcome() + ", got " + got
                + (r.getMessage().isEmpty() ? "" : " (" + r.getMessage() + ")");
    }

    private static Step releaseStep(String cell) {
        return Step.newBuilder().setCell(cell).setTimeoutMs(STEP_TIMEOUT_MS).setRelease(Release.getDefaultInstance())
                .build();
    }

    private static void release(Agent agent, String cell) throws InterruptedException {
        try {
            agent.call(releaseStep(cell));
        } catch (InfraFailure e) {
            // the agent releases everything itself when its stream ends
        }
    }

    /** Sent now, not waited for; a lost agent releases everything itself when its stream ends. */
    private static CompletableFuture<?> releaseAsync(Agent agent, String cell) {
        return agent.run(Collections.singletonList(releaseStep(cell))).handle((r, e) -> null);
    }

    /** Why this scenario cannot run on these hosts, or null: read off the concrete steps and the Hellos. */
    private String notApplicable(Scenario sc, List<Step> steps) {
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            Agent host = sc.steps().get(i).role() == Role.TARGET ? target : peer;
            String role = sc.steps().get(i).role().word();
            Hello h = host.hello();
            if (s.hasSetsockopt() && !h.getCapabilities().getOptionsList().contains(s.getSetsockopt().getOption())) {
                return role + " '" + host.name() + "' has no " + s.getSetsockopt().getOption() + " ("
                        + h.getIdentity().getOsFamily() + ")";
            }
            if (s.hasSocket() && s.getSocket().getOtherUser() && !h.getCapabilities().getOtherUser()) {
                String why = h.getCapabilities().getOtherUserAccount();
                return role + " '" + host.name() + "' cannot open a socket as another user"
                        + (why.startsWith("none: ") ? " (" + why.substring("none: ".length()) + ")" : "");
            }
            if (s.hasFilterOn() && !h.getCapabilities().getPacketFilter()) {
                return role + " '" + host.name() + "' has no packet filter: " + h.getCapabilities().getPacketFilterBackend();
            }
        }
        for (SockOption o : sc.requiresOptions()) {
            if (!target.hello().getCapabilities().getOptionsList().contains(o)) {
                return "target '" + target.name() + "' has no " + o;
            }
        }
        if (sc.requiresFilter() && !peer.hello().getCapabilities().getPacketFilter()) {
            return "peer '" + peer.name() + "' has no packet filter: " + peer.hello().getCapabilities().getPacketFilterBackend();
        }
        return null;
    }

    private Map<String, String> addresses() {
        Map<String, String> a = new HashMap<String, String>();
        a.put("target4", target.hello().getAddressV4());
        a.put("target6", target.hello().getAddressV6());
        a.put("peer4", peer.hello().getAddressV4());
        a.put("peer6", peer.hello().getAddressV6());
        return Collections.unmodifiableMap(a);
    }

    /** The target host cannot use the cell's port: the campaign takes the port out and retries on another. */
    static final class PortUnusable extends InfraFailure {
        private static final long serialVersionUID = 1L;

        PortUnusable(String message) {
            super(PORT_UNUSABLE + message);
        }
    }

    /** How an INFRA_ERROR record's reason starts when its port was unusable. */
    public static final String PORT_UNUSABLE = "port unusable on this host: ";

    private static CellRecord finish(CellRecord.Builder rec, long started) {
        return rec.setDurationMs(System.currentTimeMillis() - started).build();
    }
}
