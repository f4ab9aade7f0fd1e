// Scenario scripts: a good file, the seed catalog, the generated catalog, and malformed files rejected with
// file:line and field.
package bindlab.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bindlab.engine.BadInput;
import bindlab.proto.v1.FilterDirection;
import bindlab.proto.v1.SockOption;
import bindlab.proto.v1.Step;
import bindlab.proto.v1.TcpState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioParserTest {
    static final String GOOD = String.join("\n",
            "# a hand-written scenario",
            "scenario test/SYN_RECV/filter",
            "title Peer drops the target's SYN-ACKs, so the target holds SYN_RECV.",
            "state SYN_RECV",
            "dim lingering=SYN_RECV technique=filter",
            "requires filter",
            "target: socket L1 inet",
            "target: bind L1 wildcard4:$PORT",
            "target: listen L1 8",
            "peer:   filter-on drop drop-in-from target4:$PORT",
            "peer:   socket C inet",
            "peer:   connect C target4:$PORT timeout=300 -> TIMEOUT",
            "target: wait-state $PORT SYN_RECV timeout=3000",
            "target: socket L2 inet",
            "target: setsockopt L2 LINGER 1 5",
            "target: probe bind L2 [::]:$PORT -> EADDRINUSE?",
            "target: probe listen L2",
            "");

    static Map<String, String> addresses(String target4) {
        Map<String, String> a = new HashMap<String, String>();
        a.put("target4", target4);
        return a;
    }

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
        StepLine connect = s.steps().get(5);
        assertThat(connect.role()).isEqualTo(Role.PEER);
        assertThat(connect.verb().word()).isEqualTo("connect");
        assertThat(connect.expect().outcome()).isEqualTo("TIMEOUT");
        assertThat(connect.expect().enforced()).isTrue();
        StepLine probe = s.steps().get(9);
        assertThat(probe.probe()).isTrue();
        assertThat(probe.expect().enforced()).isFalse();
        assertThat(probe.line()).isEqualTo(16);

        Resolver r = new Resolver("cell-1", 40007, 41003, addresses("198.18.0.2"), 5000);
        Step filter = s.steps().get(3).resolve(r);
        assertThat(filter.getCell()).isEqualTo("cell-1");
        assertThat(filter.getFilterOn().getDirection()).isEqualTo(FilterDirection.DROP_INBOUND_FROM);
        assertThat(filter.getFilterOn().getRemote().getAddress()).isEqualTo("198.18.0.2");
        assertThat(filter.getFilterOn().getRemote().getPort()).isEqualTo(40007);
        Step linger = s.steps().get(8).resolve(r);
        assertThat(linger.getSetsockopt().getOption()).isEqualTo(SockOption.LINGER);
        assertThat(linger.getSetsockopt().getLingerSeconds()).isEqualTo(5);
        assertThat(probe.resolve(r).getBind().getLocal().getAddress()).isEqualTo("::");
        assertThat(connect.resolve(r).getTimeoutMs()).isEqualTo(300);
        assertThat(s.steps().get(6).resolve(r).getTimeoutMs()).isEqualTo(3000);
        assertThat(s.steps().get(0).resolve(r).getTimeoutMs()).isEqualTo(5000);
        Resolver none = new Resolver("c", 1, 2, addresses(""), 1);
        assertThatThrownBy(() -> s.steps().get(3).resolve(none)).isInstanceOf(Resolver.Missing.class)
                .hasMessage("target4");
    }

    @Test
    void mappedAddressRefsResolveToV4MappedLiterals() {
        Resolver r = new Resolver("c", 40000, 41000, addresses("198.18.0.2"), 5000);
        assertThat(r.address("mapped-target4")).isEqualTo("::ffff:198.18.0.2");
        assertThat(r.address("mapped-wildcard4")).isEqualTo("::ffff:0.0.0.0");
        assertThat(r.address("mapped-loopback4")).isEqualTo("::ffff:127.0.0.1");
    }

    @Test
    void everyVerbIsInTheTableAndNamedInTheUnknownVerbError() {
        List<String> words = new ArrayList<String>();
        for (Verb v : Verbs.all()) {
            words.add(v.word());
            assertThat(v.usage()).startsWith(v.word() + " ");
        }
        assertThat(words).containsExactly("socket", "setsockopt", "bind", "listen", "accept", "connect",
                "send-until-blocked", "recv", "shutdown", "close", "observe", "wait-state", "filter-on", "filter-off");
        assertThatThrownBy(() -> ScenarioParser.parse("f.scn", "scenario a\nstate none\ntarget: frob L1\n"))
                .hasMessageContaining("known: " + String.join(" ", words));
    }

    @Test
    void crlfAndAByteOrderMarkReadLikeTheSameText() {
        List<Scenario> unix = ScenarioParser.parse("a.scn", GOOD);
        byte[] bom = ("\uFEFF" + GOOD.replace("\n", "\r\n")).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<Scenario> dos = ScenarioParser.parse("b.scn", bindlab.engine.TextFile.decode("b.scn", bom, 1 << 20));
        assertThat(dos.get(0).steps().get(5).text()).isEqualTo(unix.get(0).steps().get(5).text());
        assertThat(ScenarioPrinter.print(dos)).isEqualTo(ScenarioPrinter.print(unix));
    }

    @Test
    void seedCatalogHasTheFourCasesForEachOption() {
        List<Scenario> seed = Catalog.seed();
        assertThat(seed).hasSize(16);
        assertThat(seed).extracting(Scenario::id).contains(
                "seed/listening/none>none", "seed/ESTABLISHED/REUSEADDR>REUSEADDR",
                "seed/TIME_WAIT/REUSEPORT>REUSEPORT", "seed/FIN_WAIT_2/EXCLUSIVEADDRUSE>EXCLUSIVEADDRUSE");
        Scenario tw = null;
        for (Scenario s : seed) {
            tw = s.id().equals("seed/TIME_WAIT/none>none") ? s : tw;
        }
        assertThat(tw.state()).isEqualTo(TcpState.TIME_WAIT);
        // TIME_WAIT only after FIN_WAIT_2 is seen: the target closed first, then the peer.
        List<String> texts = new ArrayList<String>();
        for (StepLine l : tw.steps()) {
            texts.add(l.text());
        }
        assertThat(texts.indexOf("target: wait-state $PORT FIN_WAIT_2")).isLessThan(texts.indexOf("peer: close C"));
    }

    @Test
    void generatedCatalogIdsAreStableAndCarryTheirDimensions() {
        List<Scenario> all = Catalog.builtIn();
        assertThat(all.subList(0, 2)).extracting(Scenario::id).containsExactly("control/fresh-bind", "control/listener-blocks");
        assertThat(all).extracting(Scenario::id).doesNotHaveDuplicates()
                .contains("conn/TIME_WAIT/orphan/accepted/REUSEADDR>REUSEADDR/wild>wild/v4",
                        "bound/EXCLUSIVEADDRUSE>REUSEADDR/spec>wild/v4", "listen/REUSEPORT>REUSEPORT/wild>wild/v4/other-user",
                        "conn/CLOSING/open/accepted/none>none/wild>wild/v4/zerowindow", "empty/REUSEADDR+EXCLUSIVEADDRUSE/spec/v6");
        Scenario s = null;
        for (Scenario x : all) {
            s = x.id().equals("conn/FIN_WAIT_1/orphan/accepted/none>REUSEADDR/wild>wild/v4/filter") ? x : s;
        }
        assertThat(s.dims()).containsEntry("first", "none").containsEntry("second", "REUSEADDR")
                .containsEntry("lingering", "connection").containsEntry("state", "FIN_WAIT_1").containsEntry("handle", "orphan")
                .containsEntry("origin", "accepted").containsEntry("first_addr", "wild").containsEntry("second_addr", "wild")
                .containsEntry("family", "v4").containsEntry("technique", "filter").containsEntry("user", "same");
        // every generated scenario round-trips through the printer (a store keeps the set as text)
        String text = ScenarioPrinter.print(all);
        List<Scenario> again = ScenarioParser.parse("printed", text);
        assertThat(ScenarioPrinter.print(again)).isEqualTo(text);
    }

    @Test
    void malformedFilesNameFileLineAndField() {
        expectError("target: socket L1 inet\n", "f.scn:1: step: comes before any 'scenario <id>' line");
        expectError("scenario a\nstate LISTEN\ntarget: bind L9 wildcard4:$PORT\n", "f.scn:3: socket: 'L9' is not an open target socket");
        expectError("scenario a\nstate LISTEN\ntarget: socket L1 ipx\n", "f.scn:3: family: 'ipx' is not one of [inet, inet6]");
        expectError("scenario a\nstate SOMETIMES\n", "f.scn:2: state: 'SOMETIMES' is not a TCP state");
        expectError("scenario a\nstate none\ntarget: socket L1 inet\n", "f.scn:1: probe: scenario 'a' has no 'target: probe");
        expectError("scenario a\ntarget: socket L1 inet\ntarget: probe bind L1 wildcard4:$PORT\n", "f.scn:1: state:");
        expectError("scenario a\nstate none\ntarget: socket L1 inet\ntarget: setsockopt L1 SO_FAST 1\n", "f.scn:4: option: 'SO_FAST'");
        expectError("scenario a\nstate none\ntarget: socket L1 inet\ntarget: bind L1 somewhere:$PORT\n", "f.scn:4: address: 'somewhere'");
        expectError("scenario a\nstate none\ntarget: socket L1 inet\ntarget: bind L1 wildcard4:99999\n", "f.scn:4: port: '99999' must be $PORT or $PEERPORT");
        expectError("scenario a\nstate none\ntarget: socket L1 inet\ntarget: bind L1 wildcard4:22\n", "f.scn:4: port: '22' must be $PORT or $PEERPORT");
        expectError("scenario a\nstate none\npeer: probe socket L1 inet\n", "f.scn:3: probe: only the target");
        expectError("scenario a\nstate none\nhost: socket L1 inet\n", "f.scn:3: role: 'host'");
        expectError("scenario a\nstate none\ntarget: frobnicate L1\n", "f.scn:3: verb: unknown verb 'frobnicate'");
        expectError("scenario a\nstate none\ntarget: socket L1 inet -> MAYBE\n", "f.scn:3: expect: 'MAYBE'");
        expectError("scenario a\nstate none\ntarget: socket L1 inet\ntarget: probe bind L1 wildcard4:$PORT\n"
                + "scenario a\nstate none\ntarget: socket L1 inet\ntarget: probe bind L1 wildcard4:$PORT\n",
                "f.scn:5: scenario: id 'a' is used twice in this file (first at line 1)");
        expectError("scenario bad id\n", "f.scn:1: scenario: id 'bad id'");
        expectError("scenario a\nstate none\ntarget: listen\n", "f.scn:3: listen: takes 1-2 argument(s)");
        expectError("scenario a\nstate none\ntarget: socket L1 inet as=root\n", "f.scn:3: as: 'as=root' is not 'as=other'");
        expectError("scenario a\nstate none\ntarget: socket L1 inet\ntarget: listen L1 9999999999999\n", "f.scn:4: backlog:");
        expectError("scenario a\nstate none\ntarget: socket L1\u0000 inet\n", "f.scn:3: line: holds a NUL byte");
        expectError("scenario a\n" + String.join("", Collections.nCopies(5000, "x")) + "\n", "f.scn:2: line is 5000 characters");
    }

    private static void expectError(String text, String message) {
        assertThatThrownBy(() -> ScenarioParser.parse("f.scn", text))
                .isInstanceOf(BadInput.class).hasMessageStartingWith(message);
    }
}
