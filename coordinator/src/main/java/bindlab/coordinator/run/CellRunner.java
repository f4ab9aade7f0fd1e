// Runs one cell: one scenario on one target (with its peer) on fresh ports. Setup steps must succeed, the target's
// TCP table must show the intended state right before and right after the probe, and only then is the probe's
// result a measurement. Lost agents and timeouts are INFRA_ERROR; a state not reached is INVALID_SETUP.
package bindlab.coordinator.run;

import bindlab.coordinator.hub.AgentSession;
import bindlab.coordinator.scenario.Resolver;
import bindlab.coordinator.scenario.Role;
import bindlab.coordinator.scenario.Scenario;
import bindlab.coordinator.scenario.StepKind;
import bindlab.coordinator.scenario.StepTemplate;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.ObserveTcp;
import bindlab.proto.v1.OptionReadback;
import bindlab.proto.v1.Outcome;
import bindlab.proto.v1.Release;
import bindlab.proto.v1.Step;
import bindlab.proto.v1.StepRecord;
import bindlab.proto.v1.StepResult;
import bindlab.proto.v1.StepStatus;
import bindlab.proto.v1.TcpRow;
import bindlab.proto.v1.TcpState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

public final class CellRunner {
    static final int STEP_TIMEOUT_MS = 5000;
    static final long SLACK_MS = 5000;

    private final AgentSession target;
    private final AgentSession peer;

    public CellRunner(AgentSession target, AgentSession peer) {
        this.target = target;
        this.peer = peer;
    }

    public CellRecord run(String runId, Scenario sc, int repeat, int attempt, int port, int peerPort) {
        long started = System.currentTimeMillis();
        // unique on the peer too: a peer serves several targets at once
        String cell = target.name() + ":" + sc.id() + "#" + repeat + "." + attempt;
        CellRecord.Builder rec = CellRecord.newBuilder().setRunId(runId).setScenarioId(sc.id())
                .setTargetHost(target.name()).setPeerHost(peer.name()).setTargetIdentity(target.hello().getIdentity())
                .setRepeat(repeat).setAttempt(attempt).setPort(port).setIntendedState(sc.state())
                .addAllIntendedStates(sc.states()).setControl(sc.control() != null)
                .setControlExpected(sc.control() == null ? "" : sc.control())
                .setStartedUnixMs(started);
        Resolver resolver = new Resolver(cell, port, peerPort, addresses(), STEP_TIMEOUT_MS);
        String na = notApplicable(sc, resolver);
        if (na != null) {
            return finish(rec.setOutcome(Outcome.NOT_APPLICABLE).setReason(na), started);
        }
        try {
            execute(sc, resolver, rec);
        } catch (Infra e) {
            rec.setOutcome(Outcome.INFRA_ERROR).setReason(e.getMessage());
        } finally {
            release(target, cell);
            release(peer, cell);
        }
        return finish(rec, started);
    }

    private void execute(Scenario sc, Resolver resolver, CellRecord.Builder rec) throws Infra {
        int firstProbe = -1;
        int lastProbe = -1;
        for (int i = 0; i < sc.steps().size(); i++) {
            if (sc.steps().get(i).probe()) {
                firstProbe = firstProbe < 0 ? i : firstProbe;
                lastProbe = i;
            }
        }
        StepResult probeFailure = null;
        for (int i = 0; i < sc.steps().size(); i++) {
            StepTemplate t = sc.steps().get(i);
            if (i == firstProbe) {
                rec.addAllRowsBefore(observe(resolver.port(), resolver.cell()));
                String bad = stateProblem(sc.states(), resolver.port(), rec.getRowsBeforeList(), true);
                if (bad != null) {
                    rec.setOutcome(Outcome.INVALID_SETUP).setReason("before the probe: " + bad);
                    return;
                }
            }
            if (t.probe() && probeFailure != null) {
                if (i == lastProbe && !observeAfter(sc, resolver, rec)) {
                    return;
                }
                continue; // listen after a refused bind says nothing
            }
            StepResult r = call(t, resolver.resolve(t), rec);
            if (t.kind() == StepKind.SETSOCKOPT && t.role() == Role.TARGET && r.getStatus() == StepStatus.OK) {
                rec.addOptions(OptionReadback.newBuilder().setSocket(t.socket()).setOption(t.option())
                        .setRequested(t.value()).setReadback(r.getReadback()));
            }
            String problem = t.probe() ? probeProblem(r) : setupProblem(t, r);
            if (problem != null) {
                rec.setOutcome(r.getStatus() == StepStatus.UNSUPPORTED ? Outcome.NOT_APPLICABLE : Outcome.INVALID_SETUP)
                        .setReason("line " + t.line() + " '" + t.text() + "': " + problem);
                return;
            }
            if (t.probe() && r.getStatus() == StepStatus.ERROR) {
                probeFailure = r;
            }
            if (i == lastProbe && !observeAfter(sc, resolver, rec)) {
                return;
            }
        }
        if (probeFailure == null) {
            rec.setOutcome(Outcome.SUCCESS);
        } else {
            rec.setOutcome(Outcomes.fromErrorName(probeFailure.getErrorName())).setErrorName(probeFailure.getErrorName())
                    .setRawCode(probeFailure.getRawCode()).setFailedCall(probeFailure.getCall());
        }
    }

    /** Reads the table right after the probe; false (and INVALID_SETUP) if the intended state is gone. */
    private boolean observeAfter(Scenario sc, Resolver resolver, CellRecord.Builder rec) throws Infra {
        rec.addAllRowsAfter(observe(resolver.port(), resolver.cell()));
        String bad = stateProblem(sc.states(), resolver.port(), rec.getRowsAfterList(), false);
        if (bad != null) {
            rec.setOutcome(Outcome.INVALID_SETUP).setReason("right after the probe: " + bad);
            return false;
        }
        return true;
    }

    /** Null if one of the intended states is on the port (none = no row, checked before the probe only). */
    static String stateProblem(List<TcpState> intended, int port, List<TcpRow> rows, boolean before) {
        List<TcpRow> local = rows.stream().filter(r -> r.getLocal().getPort() == port).toList();
        for (TcpState want : intended) {
            boolean ok = want == TcpState.TCP_STATE_UNSPECIFIED
                    ? !before || local.isEmpty()
                    : local.stream().anyMatch(r -> r.getState() == want);
            if (ok) {
                return null;
            }
        }
        String wanted = intended.stream().map(s -> s == TcpState.TCP_STATE_UNSPECIFIED ? "no row" : s.name())
                .collect(java.util.stream.Collectors.joining(" or "));
        return "expected " + wanted + " on port " + port + "; observed " + Outcomes.states(local);
    }

    private static String probeProblem(StepResult r) {
        return switch (r.getStatus()) {
            case OK, ERROR -> null;
            case UNSUPPORTED -> "unsupported here: " + r.getMessage();
            default -> "probe did not complete: " + r.getStatus() + " " + r.getMessage();
        };
    }

    private static String setupProblem(StepTemplate t, StepResult r) {
        String got = switch (r.getStatus()) {
            case OK -> "OK";
            case ERROR -> r.getErrorName();
            case TIMEOUT -> "TIMEOUT";
            default -> r.getStatus().name();
        };
        if (r.getStatus() == StepStatus.UNSUPPORTED || r.getStatus() == StepStatus.BAD_REQUEST) {
            return got + ": " + r.getMessage();
        }
        return t.expect().accepts(got) ? null : "expected " + t.expect().outcome() + ", got " + got
                + (r.getMessage().isEmpty() ? "" : " (" + r.getMessage() + ")");
    }

    private StepResult call(StepTemplate t, Step step, CellRecord.Builder rec) throws Infra {
        StepResult r = await(t.role() == Role.TARGET ? target : peer, step);
        rec.addSteps(StepRecord.newBuilder().setLine(t.line()).setRole(t.role().word()).setText(t.text())
                .setStep(step).setResult(r).setProbe(t.probe()));
        return r;
    }

    private List<TcpRow> observe(int port, String cell) throws Infra {
        Step s = Step.newBuilder().setCell(cell).setTimeoutMs(STEP_TIMEOUT_MS)
                .setObserveTcp(ObserveTcp.newBuilder().setPort(port)).build();
        StepResult r = await(target, s);
        if (r.getStatus() != StepStatus.OK) {
            throw new Infra("could not read the target's TCP table: " + r.getMessage());
        }
        return r.getRowsList();
    }

    private static StepResult await(AgentSession agent, Step step) throws Infra {
        try {
            return agent.call(step, SLACK_MS).get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw new Infra(c instanceof TimeoutException ? "agent '" + agent.name() + "' did not answer step "
                    + step.getOpCase() + " in time" : c.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Infra("interrupted");
        }
    }

    private static void release(AgentSession agent, String cell) {
        try {
            agent.call(Step.newBuilder().setCell(cell).setTimeoutMs(STEP_TIMEOUT_MS)
                    .setRelease(Release.getDefaultInstance()).build(), SLACK_MS).get();
        } catch (ExecutionException | RuntimeException e) {
            // the agent releases everything itself when its stream ends
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Why this scenario cannot run on these hosts, or null. */
    private String notApplicable(Scenario sc, Resolver resolver) {
        for (StepTemplate t : sc.steps()) {
            AgentSession host = t.role() == Role.TARGET ? target : peer;
            if (t.kind() == StepKind.SETSOCKOPT && !host.hello().getCapabilities().getOptionsList().contains(t.option())) {
                return t.role().word() + " '" + host.name() + "' has no " + t.option() + " ("
                        + host.hello().getIdentity().getOsFamily() + ")";
            }
            if (t.kind() == StepKind.SOCKET && t.otherUser() && !host.hello().getCapabilities().getOtherUser()) {
                return t.role().word() + " '" + host.name() + "' cannot open a socket as another user"
                        + " (Linux agents need root; not implemented on Windows)";
            }
            String missing = resolver.missingAddress(t);
            if (missing != null) {
                return "no address for " + missing + " on these hosts";
            }
        }
        for (var o : sc.requiresOptions()) {
            if (!target.hello().getCapabilities().getOptionsList().contains(o)) {
                return "target '" + target.name() + "' has no " + o;
            }
        }
        if (sc.requiresFilter() && !peer.hello().getCapabilities().getPacketFilter()) {
            return "peer '" + peer.name() + "' has no packet filter: "
                    + peer.hello().getCapabilities().getPacketFilterBackend();
        }
        return null;
    }

    private Map<String, String> addresses() {
        return Map.of("target4", target.hello().getAddressV4(), "target6", target.hello().getAddressV6(),
                "peer4", peer.hello().getAddressV4(), "peer6", peer.hello().getAddressV6());
    }

    private static CellRecord finish(CellRecord.Builder rec, long started) {
        return rec.setDurationMs(System.currentTimeMillis() - started).build();
    }

    /** An infrastructure failure: the cell has no result and is retried. */
    static final class Infra extends Exception {
        Infra(String message) {
            super(message);
        }
    }
}
