// The cell runner through the Agent seam, with fake agents: state verified before and after the probe, the probe's
// failing call and code, refused first-socket options, lost agents, missing addresses and capabilities, batching.
package bindlab.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.engine.scenario.Catalog;
import bindlab.engine.scenario.Scenario;
import bindlab.engine.scenario.ScenarioParser;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.Outcome;
import bindlab.proto.v1.SockOption;
import bindlab.proto.v1.Step;
import bindlab.proto.v1.StepStatus;
import bindlab.proto.v1.StepResult;
import bindlab.proto.v1.TcpState;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CellRunnerTest {
    static final int PORT = 40001;
    final FakeAgent target = new FakeAgent("t", 40000, 40099, SockOption.REUSEADDR, SockOption.EXCLUSIVEADDRUSE);
    final FakeAgent peer = new FakeAgent("p", 41000, 41099, SockOption.REUSEADDR);

    static Scenario seed(String id) {
        Scenario s = Catalog.find(id);
        if (s == null) {
            throw new AssertionError("no scenario " + id);
        }
        return s;
    }

    CellRecord run(Scenario sc) throws Exception {
        return new CellRunner(target, peer).run("r1", sc, 1, 1, PORT, 41001);
    }

    @Test
    void aVerifiedStateGivesTheProbeOutcomeAndBatchesConsecutiveStepsOfARole() throws Exception {
        target.table.put(PORT, Arrays.asList(TcpState.TIME_WAIT));
        CellRecord r = run(seed("seed/TIME_WAIT/none>none"));
        assertThat(r.getOutcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(r.getRowsBeforeList()).extracting(x -> x.getState()).containsExactly(TcpState.TIME_WAIT);
        assertThat(r.getRowsAfterList()).isNotEmpty();
        // target socket..listen | peer socket,connect | target accept..wait FIN_WAIT_2 | peer close | target wait..probe
        assertThat(target.batches).hasSize(3); // the release rides in the last batch, after the table read
        assertThat(peer.batches).hasSize(2 + 1); // + its release, sent without waiting
        assertThat(r.getStepsCount()).isEqualTo(seed("seed/TIME_WAIT/none>none").steps().size());
        assertThat(target.steps().get(target.steps().size() - 1).hasRelease()).isTrue();
        assertThat(peer.steps().get(peer.steps().size() - 1).hasRelease()).isTrue();
    }

    @Test
    void aWrongStateBeforeTheProbeIsInvalidSetupNeverAResult() throws Exception {
        target.table.put(PORT, Arrays.asList(TcpState.FIN_WAIT_2)); // the 2017 experiment's mistake
        CellRecord r = run(seed("seed/TIME_WAIT/none>none"));
        assertThat(r.getOutcome()).isEqualTo(Outcome.INVALID_SETUP);
        assertThat(r.getReason()).startsWith("before the probe: expected TIME_WAIT on port " + PORT + "; observed [FIN_WAIT_2]");
    }

    @Test
    void aListenerWithItsConnectionNeedsBothRowsBeforeAndAfterTheProbe() throws Exception {
        Scenario both = seed("listen+accepted/none>none/wild>wild/v4");
        target.table.put(PORT, Arrays.asList(TcpState.LISTEN));
        CellRecord r = run(both);
        assertThat(r.getOutcome()).isEqualTo(Outcome.INVALID_SETUP);
        assertThat(r.getReason()).isEqualTo("before the probe: expected LISTEN and ESTABLISHED on port " + PORT
                + "; observed [LISTEN]");
        target.table.put(PORT, Arrays.asList(TcpState.LISTEN, TcpState.ESTABLISHED));
        r = run(both);
        assertThat(r.getOutcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(r.getIntendedAll()).isTrue();
        assertThat(r.getIntendedStatesList()).containsExactly(TcpState.LISTEN, TcpState.ESTABLISHED);
    }

    @Test
    void nothingOnThePortMeansNoRowBeforeTheProbeAndNoRowButItsListenerAfter() throws Exception {
        Scenario closed = seed("closed-listener/REUSEADDR>REUSEADDR/wild>wild/v4");
        assertThat(run(closed).getOutcome()).isEqualTo(Outcome.SUCCESS); // after: the probe's own LISTEN only
        // something that lingers only after the probe: seen, and the cell is no result
        target.responder = s -> {
            if (s.hasListen() && s.getListen().getSocket().equals("L2")) {
                target.table.put(PORT, Arrays.asList(TcpState.LISTEN, TcpState.TIME_WAIT));
            }
            return null;
        };
        CellRecord r = run(closed);
        assertThat(r.getOutcome()).isEqualTo(Outcome.INVALID_SETUP);
        assertThat(r.getReason()).isEqualTo("right after the probe: expected no row but LISTEN on port " + PORT
                + "; observed [LISTEN, TIME_WAIT]");
    }

    @Test
    void aFailedProbeBindGivesItsCodeAndCallAndSkipsTheListen() throws Exception {
        target.table.put(PORT, Arrays.asList(TcpState.LISTEN));
        target.responder = s -> s.hasBind() && s.getBind().getSocket().equals("L2")
                ? FakeAgent.error("EADDRINUSE", 10048, "bind") : null;
        CellRecord r = run(seed("seed/listening/none>none"));
        assertThat(r.getOutcome()).isEqualTo(Outcome.EADDRINUSE);
        assertThat(r.getRawCode()).isEqualTo(10048);
        assertThat(r.getFailedCall()).isEqualTo("bind");
        assertThat(r.getStepsList()).noneMatch(x -> x.getStep().hasListen() && x.getStep().getListen().getSocket().equals("L2"));
        assertThat(r.getRowsAfterCount()).isEqualTo(1); // the table is read after the probe all the same
    }

    @Test
    void aFirstSocketOptionTheHostRefusesIsSetupRefusedWithItsCode() throws Exception {
        target.responder = s -> s.hasSetsockopt() && s.getSetsockopt().getSocket().equals("L1")
                && s.getSetsockopt().getOption() == SockOption.EXCLUSIVEADDRUSE ? FakeAgent.error("EINVAL", 10022, "setsockopt") : null;
        CellRecord r = run(seed("bound/REUSEADDR+EXCLUSIVEADDRUSE>none/wild>wild/v4"));
        assertThat(r.getOutcome()).isEqualTo(Outcome.SETUP_REFUSED);
        assertThat(r.getRawCode()).isEqualTo(10022);
        assertThat(r.getErrorName()).isEqualTo("EINVAL");
        assertThat(r.getFailedCall()).isEqualTo("setsockopt");
        assertThat(r.getReason()).contains("the host refused EXCLUSIVEADDRUSE on L1: EINVAL (10022)");
    }

    @Test
    void aLostAgentIsInfraErrorAndBothSidesAreReleased() throws Exception {
        peer.responder = s -> {
            if (s.hasConnect()) {
                peer.lost = true;
            }
            return null;
        };
        CellRecord r = run(seed("seed/ESTABLISHED/none>none"));
        assertThat(r.getOutcome()).isEqualTo(Outcome.INFRA_ERROR);
        assertThat(r.getReason()).contains("agent 'p' lost");
        assertThat(target.steps().get(target.steps().size() - 1).hasRelease()).isTrue();
    }

    @Test
    void aSetupStepThatTimesOutIsInvalidSetupNamingItsLine() throws Exception {
        target.responder = s -> s.hasWaitState() ? StepResult.newBuilder().setStatus(StepStatus.TIMEOUT)
                .setMessage("not reached").build() : null;
        CellRecord r = run(seed("seed/FIN_WAIT_2/none>none"));
        assertThat(r.getOutcome()).isEqualTo(Outcome.INVALID_SETUP);
        assertThat(r.getReason()).matches("line [0-9]+ 'target: wait-state \\$PORT ESTABLISHED': expected OK, got TIMEOUT.*");
    }

    @Test
    void missingOptionsAddressesAndFiltersAreNotApplicableBeforeAnyStepIsSent() throws Exception {
        CellRecord r = run(seed("seed/TIME_WAIT/REUSEPORT>REUSEPORT"));
        assertThat(r.getOutcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(r.getReason()).isEqualTo("target 't' has no REUSEPORT (fake)");
        r = run(seed("bound/none>none/wild>wild/v6"));
        assertThat(r.getOutcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(r.getReason()).isEqualTo("target 't' has no V6ONLY (fake)");
        Scenario v6 = ScenarioParser.parse("t.scn", "scenario a\nstate none\ntarget: socket L1 inet6\n"
                + "target: probe bind L1 target6:$PORT\n").get(0);
        r = run(v6);
        assertThat(r.getOutcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(r.getReason()).isEqualTo("no address for target6 on these hosts");
        peer.hello = peer.hello.toBuilder().setCapabilities(peer.hello.getCapabilities().toBuilder()
                .setPacketFilter(false).setPacketFilterBackend("none here")).build();
        r = run(seed("conn/FIN_WAIT_1/orphan/accepted/none>none/wild>wild/v4/filter"));
        assertThat(r.getOutcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(r.getReason()).isEqualTo("peer 'p' has no packet filter: none here");
        assertThat(target.batches).isEmpty();
        assertThat(peer.batches).isEmpty();
    }

    @Test
    void setupStepsThatMayFailGoOnInTheBatchAndProbesStopIt() throws Exception {
        target.table.put(PORT, Arrays.asList(TcpState.SYN_RECV));
        peer.responder = s -> s.hasConnect() ? StepResult.newBuilder().setStatus(StepStatus.TIMEOUT).build() : null;
        CellRecord r = run(seed("conn/SYN_RECV/orphan/listener-open/none>none/wild>wild/v4/filter"));
        assertThat(r.getOutcome()).isEqualTo(Outcome.SUCCESS);
        Step connect = null;
        for (Step s : peer.steps()) {
            connect = s.hasConnect() ? s : connect;
        }
        assertThat(connect.getGoOnError()).isTrue(); // "-> TIMEOUT": the batch must go on
        for (Step s : target.steps()) {
            if (s.hasBind() && s.getBind().getSocket().equals("L2")) {
                assertThat(s.getGoOnError()).isFalse();
            }
        }
    }
}
