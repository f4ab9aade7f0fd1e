// Scenario scripts: a good file, the seed catalog, and malformed files rejected with file:line and field.
package bindlab.coordinator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bindlab.proto.v1.FilterDirection;
import bindlab.proto.v1.SockOption;
import bindlab.proto.v1.Step;
import bindlab.proto.v1.TcpState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioParserTest {
    static final String GOOD = """
            # a hand-written scenario
            scenario test/SYN_RECV/filter
            title Peer drops the target's SYN-ACKs, so the target holds SYN_RECV.
            state SYN_RECV
            dim lingering=SYN_RECV technique=filter
            target: socket L1 inet
            target: bind L1 wildcard4:$PORT
            target: listen L1 8
            peer:   filter-on drop drop-in-from target4:$PORT
            peer:   socket C inet
            peer:   connect C target4:$PORT timeout=300 -> TIMEOUT
            target: wait-state $PORT SYN_RECV timeout=3000
            target: socket L2 inet
            target: setsockopt L2 LINGER 1 5
            target: probe bind L2 [::]:$PORT -> EADDRINUSE?
            target: probe listen L2
            """;

    @Test
    void parsesEveryPartOfAGoodScenario() {
        List<Scenario> all = ScenarioParser.parse("good.scn", GOOD);
        assertThat(all).hasSize(1);
        Scenario s = all.get(0);
        assertThat(s.id()).isEqualTo("test/SYN_RECV/filter");
        assertThat(s.state()).isEqualTo(TcpState.SYN_RECV);
        assertThat(s.requiresFilter()).isTrue();
        assertThat(s.dims()).containsEntry("technique", "filter");
        assertThat(s.source()).isEqualTo("good.scn:2");
        StepTemplate connect = s.steps().get(5);
        assertThat(connect.role()).isEqualTo(Role.PEER);
        assertThat(connect.timeoutMs()).isEqualTo(300);
        assertThat(connect.expect().outcome()).isEqualTo("TIMEOUT");
        assertThat(connect.expect().enforced()).isTrue();
        StepTemplate probe = s.steps().get(9);
        assertThat(probe.probe()).isTrue();
        assertThat(probe.addr()).isEqualTo("::");
        assertThat(probe.expect().enforced()).isFalse();
        assertThat(probe.line()).isEqualTo(15);

        Resolver r = new Resolver("cell-1", 40007, 41003, Map.of("target4", "198.18.0.2"), 5000);
        Step filter = r.resolve(s.steps().get(3));
        assertThat(filter.getFilterOn().getDirection()).isEqualTo(FilterDirection.DROP_INBOUND_FROM);
        assertThat(filter.getFilterOn().getRemote().getAddress()).isEqualTo("198.18.0.2");
        assertThat(filter.getFilterOn().getRemote().getPort()).isEqualTo(40007);
        Step linger = r.resolve(s.steps().get(8));
        assertThat(linger.getSetsockopt().getOption()).isEqualTo(SockOption.LINGER);
        assertThat(linger.getSetsockopt().getLingerSeconds()).isEqualTo(5);
        assertThat(r.resolve(probe).getBind().getLocal().getAddress()).isEqualTo("::");
        assertThat(r.resolve(s.steps().get(6)).getTimeoutMs()).isEqualTo(3000);
        assertThat(r.resolve(s.steps().get(0)).getTimeoutMs()).isEqualTo(5000);
        assertThat(r.missingAddress(s.steps().get(3))).isNull();
        assertThat(new Resolver("c", 1, 2, Map.of("target4", ""), 1).missingAddress(s.steps().get(3))).isEqualTo("target4");
    }

    @Test
    void seedCatalogHasTheFourCasesForEachOption() {
        List<Scenario> seed = Catalog.seed();
        assertThat(seed).hasSize(16);
        assertThat(seed).extracting(Scenario::id).contains(
                "seed/listening/none>none", "seed/ESTABLISHED/REUSEADDR>REUSEADDR",
                "seed/TIME_WAIT/REUSEPORT>REUSEPORT", "seed/FIN_WAIT_2/EXCLUSIVEADDRUSE>EXCLUSIVEADDRUSE");
        Scenario tw = seed.stream().filter(s -> s.id().equals("seed/TIME_WAIT/none>none")).findFirst().orElseThrow();
        assertThat(tw.state()).isEqualTo(TcpState.TIME_WAIT);
        // TIME_WAIT only after FIN_WAIT_2 is seen: the target closed first, then the peer.
        List<String> texts = tw.steps().stream().map(StepTemplate::text).toList();
        assertThat(texts.indexOf("target: wait-state $PORT FIN_WAIT_2")).isLessThan(texts.indexOf("peer: close C"));
    }

    @Test
    void selectionByIdGlobAndAll() {
        List<Scenario> all = Catalog.seed();
        assertThat(Selection.select(all, "all")).hasSize(16);
        assertThat(Selection.select(all, "seed/*/none>none")).hasSize(4);
        assertThat(Selection.select(all, "seed/TIME_WAIT/*,seed/listening/none>none")).hasSize(5);
        assertThatThrownBy(() -> Selection.select(all, "seed/NOPE")).hasMessageContaining("no scenario matches 'seed/NOPE'");
    }

    @Test
    void malformedFilesNameFileLineAndField() {
        expectError("target: socket L1 inet\n", "f.scn:1: step: comes before any 'scenario <id>' line");
        expectError("scenario a\nstate LISTEN\ntarget: bind L9 wildcard4:$PORT\n", "f.scn:3: socket: 'L9' is not an open target socket");
        expectError("scenario a\nstate LISTEN\ntarget: socket L1 ipx\n", "f.scn:3: family: 'ipx' is not inet or inet6");
        expectError("scenario a\nstate SOMETIMES\n", "f.scn:2: state: 'SOMETIMES' is not a TCP state");
        expectError("scenario a\nstate none\ntarget: socket L1 inet\n", "f.scn:1: probe: scenario 'a' has no 'target: probe");
        expectError("scenario a\ntarget: socket L1 inet\ntarget: probe bind L1 wildcard4:$PORT\n", "f.scn:1: state:");
        expectError("scenario a\nstate none\ntarget: socket L1 inet\ntarget: setsockopt L1 SO_FAST 1\n", "f.scn:4: option: 'SO_FAST'");
        expectError("scenario a\nstate none\ntarget: socket L1 inet\ntarget: bind L1 somewhere:$PORT\n", "f.scn:4: address: 'somewhere'");
        expectError("scenario a\nstate none\ntarget: socket L1 inet\ntarget: bind L1 wildcard4:99999\n", "f.scn:4: port: '99999'");
        expectError("scenario a\nstate none\npeer: probe socket L1 inet\n", "f.scn:3: probe: only the target");
        expectError("scenario a\nstate none\nhost: socket L1 inet\n", "f.scn:3: role: 'host'");
        expectError("scenario a\nstate none\ntarget: frobnicate L1\n", "f.scn:3: verb: unknown verb 'frobnicate'");
        expectError("scenario a\nstate none\ntarget: socket L1 inet -> MAYBE\n", "f.scn:3: expect: 'MAYBE'");
        expectError("scenario a\nstate none\ntarget: socket L1 inet\ntarget: probe bind L1 wildcard4:$PORT\n"
                + "scenario a\nstate none\ntarget: socket L1 inet\ntarget: probe bind L1 wildcard4:$PORT\n",
                "f.scn:5: scenario: id 'a' is used twice");
        expectError("scenario bad id\n", "f.scn:1: scenario: id 'bad id'");
        expectError("scenario a\nstate none\ntarget: listen\n", "f.scn:3: listen: takes 1-2 argument(s)");
    }

    private static void expectError(String text, String message) {
        assertThatThrownBy(() -> ScenarioParser.parse("f.scn", text))
                .isInstanceOf(ScenarioException.class).hasMessageStartingWith(message);
    }
}
