// The built-in catalogs: the full one is the product of its dimensions, the default one a subset that keeps every id
// it had before, and the new lingering kinds and cross-family binds are built the way their titles say.
package bindlab.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.proto.v1.TcpState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogTest {
    static Scenario get(String id) {
        Scenario s = Catalog.find(id);
        assertThat(s).as(id).isNotNull();
        return s;
    }

    static List<String> lines(Scenario s) {
        List<String> out = new ArrayList<String>();
        for (StepLine l : s.steps()) {
            out.add(l.text());
        }
        return out;
    }

    @Test
    void theFullCatalogIsTheProductOfItsDimensions() {
        int options = CatalogGenerator.OPTIONS.size();
        int kinds = CatalogGenerator.kinds().size();
        // every kind x option pair x 4 relations x 3 families x 2 users
        int product = kinds * options * options * 4 * 3 * 2;
        // cross-family: per option pair and user, 38 address pairs for a bound socket and for a listener (dual: 4x3
        // minus the 4 of the main product; v4>dual 3x4; v4>v6 and v6>v4 3x3), 25 for a connection (no loopback first)
        int cross = (38 + 38 + 25) * options * options * 2;
        int fixed = 2 + 16 + 2 * options * 2; // controls, seed, empty
        assertThat(kinds).isEqualTo(46);
        assertThat(Catalog.builtIn(Catalog.FULL)).hasSize(product + cross + fixed).hasSize(32688);
        assertThat(new HashSet<String>(Catalog.ids(Catalog.FULL))).hasSize(32688); // ids are unique
    }

    @Test
    void theDefaultCatalogIsPartOfTheFullOneAndKeepsEveryIdItHadBefore() throws IOException {
        Set<String> full = new HashSet<String>(Catalog.ids(Catalog.FULL));
        Set<String> defaults = new HashSet<String>();
        List<Scenario> fullParsed = Catalog.builtIn(Catalog.FULL);
        Map<String, Scenario> fullById = new java.util.HashMap<String, Scenario>();
        for (Scenario s : fullParsed) {
            fullById.put(s.id(), s);
        }
        for (Scenario s : Catalog.builtIn(Catalog.DEFAULT)) {
            defaults.add(s.id());
            assertThat(fullById.get(s.id())).isSameAs(s); // one object per id, whichever catalog asked
        }
        assertThat(full).containsAll(defaults);
        assertThat(defaults).hasSize(4393);
        List<String> before = new ArrayList<String>();
        try (InputStream in = getClass().getResourceAsStream("/catalog-ids-before-issue-15.txt")) {
            for (String l : new String(readAll(in), StandardCharsets.UTF_8).split("\n")) {
                if (!l.isEmpty() && !l.startsWith("#")) {
                    before.add(l);
                }
            }
        }
        assertThat(before).hasSize(2293);
        assertThat(defaults).containsAll(before);
        assertThat(Catalog.builtIn(Catalog.DEFAULT).subList(0, 2)).extracting(Scenario::id)
                .containsExactly("control/fresh-bind", "control/listener-blocks");
    }

    @Test
    void theDefaultCatalogAloneIsGeneratedWithoutTheRest() {
        CatalogGenerator.Generated small = CatalogGenerator.generate(false);
        CatalogGenerator.Generated all = CatalogGenerator.generate(true);
        assertThat(small.defaultIds).isEqualTo(all.defaultIds);
        List<Scenario> parsed = ScenarioParser.parse("small", small.text);
        assertThat(parsed).hasSize(all.defaultIds.size()); // the seed is added by Catalog, not generated
        assertThat(small.text.length()).isLessThan(all.text.length() / 5);
        // each scenario written exactly as the full text writes it (the default pass builds only what it writes)
        java.util.Map<String, String> full = new java.util.HashMap<String, String>();
        for (CatalogGenerator.Block b : all.blocks) {
            full.put(b.id, all.text.substring(b.start, b.end));
        }
        assertThat(small.blocks).hasSize(all.defaultIds.size());
        for (CatalogGenerator.Block b : small.blocks) {
            assertThat(small.text.substring(b.start, b.end)).as(b.id).isEqualTo(full.get(b.id));
        }
    }

    @Test
    void aScenarioParsedFromItsBlockAloneIsTheOneTheWholeTextGives() {
        String text = CatalogGenerator.generate(false).text;
        List<Scenario> whole = ScenarioParser.parse("builtin:catalog", text);
        assertThat(whole).hasSize(4393 - 16); // the seed is Catalog's, not generated
        for (Scenario s : whole) {
            Scenario alone = Catalog.find(s.id());
            assertThat(ScenarioPrinter.print(alone)).isEqualTo(ScenarioPrinter.print(s));
            assertThat(alone.source()).isEqualTo(s.source()); // the same line, for messages
        }
        assertThat(Catalog.find("conn/no-such-state/open")).isNull();
        assertThat(Catalog.find("bench/conn/TIME_WAIT")).isNull();
        // Catalog looks in the full catalog only for ids that start with a group of the default one: it has them all
        Set<String> groups = new HashSet<String>();
        Set<String> defaultGroups = new HashSet<String>();
        for (String id : Catalog.ids(Catalog.FULL)) {
            groups.add(id.split("/")[0]);
        }
        for (String id : Catalog.ids(Catalog.DEFAULT)) {
            defaultGroups.add(id.split("/")[0]);
        }
        assertThat(defaultGroups).isEqualTo(groups);
        Map<String, Integer> at = Catalog.positions(java.util.Arrays.asList("conn/TIME_WAIT/open/accepted/none>none/wild>wild/v4",
                "control/fresh-bind", "bench/x", "bound/none>REUSEPORT/wild>wild/v6/other-user"));
        assertThat(at).containsOnlyKeys("conn/TIME_WAIT/open/accepted/none>none/wild>wild/v4", "control/fresh-bind",
                "bound/none>REUSEPORT/wild>wild/v6/other-user");
        assertThat(at.get("control/fresh-bind")).isZero(); // full catalog positions: the v6 id is not a default one
        assertThat(Catalog.ids(Catalog.FULL).get(at.get("bound/none>REUSEPORT/wild>wild/v6/other-user")))
                .isEqualTo("bound/none>REUSEPORT/wild>wild/v6/other-user");
        assertThat(Catalog.controls()).extracting(Scenario::id)
                .containsExactly("control/fresh-bind", "control/listener-blocks");
    }

    @Test
    void theNewLingeringKindsAreVerifiedByTheirStateOrSayWhyNot() {
        Scenario both = get("listen+accepted/REUSEADDR>REUSEADDR/wild>wild/v4");
        assertThat(both.allStates()).isTrue();
        assertThat(both.states()).containsExactly(TcpState.LISTEN, TcpState.ESTABLISHED);
        assertThat(lines(both)).doesNotContain("target: close L1").contains("target: accept L1 A");

        Scenario closed = get("closed-listener/EXCLUSIVEADDRUSE>none/wild>wild/v4");
        assertThat(closed.states()).containsExactly(TcpState.TCP_STATE_UNSPECIFIED);
        assertThat(lines(closed)).containsSequence("target: setsockopt L1 EXCLUSIVEADDRUSE 1",
                "target: bind L1 wildcard4:$PORT", "target: listen L1 8", "target: close L1", "target: wait-state $PORT none");

        // a reset socket has no row on Linux: the recv proves it is reset and still open
        Scenario reset = get("conn/CLOSED/open/accepted/none>none/wild>wild/v4");
        assertThat(reset.states()).containsExactly(TcpState.TCP_STATE_UNSPECIFIED, TcpState.CLOSED);
        assertThat(lines(reset)).containsSequence("peer: close C abortive", "target: wait-state $PORT none",
                "target: recv A -> ECONNRESET");
        assertThat(lines(get("conn/CLOSED/open/originated/none>none/wild>wild/v4"))).contains("target: recv L1 -> ECONNRESET");

        Scenario synSent = get("conn/SYN_SENT/open/originated/none>none/spec>wild/v6/filter");
        assertThat(synSent.states()).containsExactly(TcpState.SYN_SENT);
        assertThat(lines(synSent)).containsSequence("peer: filter-on drop drop-in-from target6:$PORT",
                "target: connect L1 peer6:$PEERPORT timeout=50 -> TIMEOUT", "target: wait-state $PORT SYN_SENT");

        // originated connections in every closing state, with both handles and techniques
        for (String s : new String[] {"CLOSE_WAIT/open", "FIN_WAIT_2/open", "FIN_WAIT_2/orphan", "TIME_WAIT/open",
                "LAST_ACK/orphan", "CLOSING/open"}) {
            assertThat(Catalog.find("conn/" + s + "/originated/none>none/wild>wild/v4"
                    + (s.startsWith("LAST_ACK") || s.startsWith("CLOSING") ? "/zerowindow" : ""))).isNotNull();
        }
        // dual-stack originated cells dial the peer's v4-mapped address
        assertThat(lines(get("conn/FIN_WAIT_1/orphan/originated/REUSEADDR>REUSEADDR/spec>spec/dual/filter")))
                .contains("target: bind L1 mapped-target4:$PORT", "target: connect L1 mapped-peer4:$PEERPORT");
    }

    @Test
    void crossFamilyBindsUseWildcardLoopbackAndMappedAddressesOnTheDualStackSide() {
        assertThat(lines(get("bound/none>none/wild>mwild/v4>dual"))).containsSequence("target: socket L1 inet",
                "target: bind L1 wildcard4:$PORT", "target: socket L2 inet6", "target: setsockopt L2 V6ONLY 0",
                "target: probe bind L2 mapped-wildcard4:$PORT");
        assertThat(lines(get("listen/REUSEADDR>REUSEADDR/loop>wild/dual/other-user"))).contains(
                "target: setsockopt L1 V6ONLY 0", "target: bind L1 mapped-loopback4:$PORT", "target: socket L2 inet as=other",
                "target: probe bind L2 wildcard4:$PORT");
        assertThat(lines(get("bound/none>none/wild>loop/v6>v4"))).contains("target: setsockopt L1 V6ONLY 1",
                "target: bind L1 wildcard6:$PORT", "target: probe bind L2 loopback4:$PORT");
        assertThat(lines(get("conn/ESTABLISHED/open/accepted/none>none/spec>wild/v4>v6"))).contains(
                "peer: connect C target4:$PORT", "target: setsockopt L2 V6ONLY 1", "target: probe bind L2 wildcard6:$PORT");
        // a peer cannot reach a loopback-bound socket: no such connection
        assertThat(Catalog.find("conn/ESTABLISHED/open/accepted/none>none/loop>wild/v4>v6")).isNull();
        assertThat(Catalog.find("bound/none>none/loop>wild/v4>v6")).isNotNull();
        Map<String, String> dims = get("bound/EXCLUSIVEADDRUSE>none/mwild>spec/dual").dims();
        assertThat(dims).containsEntry("family", "dual").containsEntry("first_addr", "mwild")
                .containsEntry("second_addr", "spec").containsEntry("lingering", "bound");
    }

    private static byte[] readAll(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) > 0; ) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
