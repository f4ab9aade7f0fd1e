// How to hold a connection on the port in one TCP state: the step sequence for each state, handle (open or
// orphan), origin (accepted or originated from the port) and technique (zero window or packet filter).
package bindlab.engine.scenario;

import bindlab.engine.scenario.CatalogGenerator.Family;
import bindlab.engine.scenario.CatalogGenerator.Script;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * state is what must be on the port at the probe ("A|B" when the OS decides between them, e.g. a backlog
 * connection a closed listener may reset). handle: "open" keeps the target's socket (shutdown instead of close),
 * "orphan" closes it.
 */
final class ConnectionVariant {
    final String state;
    final String handle;
    final String origin;
    final String technique;
    final String probeState;

    ConnectionVariant(String state, String handle, String origin, String technique, String probeState) {
        this.state = state;
        this.handle = handle;
        this.origin = origin;
        this.technique = technique;
        this.probeState = probeState;
    }

    String origin() {
        return origin;
    }

    static List<ConnectionVariant> all() {
        List<ConnectionVariant> v = new ArrayList<ConnectionVariant>();
        v.add(new ConnectionVariant("ESTABLISHED", "open", "accepted", null, "ESTABLISHED"));
        v.add(new ConnectionVariant("CLOSE_WAIT", "open", "accepted", null, "CLOSE_WAIT"));
        for (String handle : Arrays.asList("open", "orphan")) {
            v.add(new ConnectionVariant("FIN_WAIT_2", handle, "accepted", null, "FIN_WAIT_2"));
            v.add(new ConnectionVariant("TIME_WAIT", handle, "accepted", null, "TIME_WAIT"));
            for (String technique : Arrays.asList("zerowindow", "filter")) {
                v.add(new ConnectionVariant("FIN_WAIT_1", handle, "accepted", technique, "FIN_WAIT_1"));
                v.add(new ConnectionVariant("LAST_ACK", handle, "accepted", technique, "LAST_ACK"));
                v.add(new ConnectionVariant("CLOSING", handle, "accepted", technique, "CLOSING"));
            }
        }
        v.add(new ConnectionVariant("ESTABLISHED", "open", "originated", null, "ESTABLISHED"));
        v.add(new ConnectionVariant("TIME_WAIT", "orphan", "originated", null, "TIME_WAIT"));
        v.add(new ConnectionVariant("backlog", "orphan", "accepted", null, "none|ESTABLISHED"));
        v.add(new ConnectionVariant("SYN_RECV", "orphan", "listener-open", "filter", "SYN_RECV"));
        v.add(new ConnectionVariant("SYN_RECV", "orphan", "listener-closed", "filter", "none|SYN_RECV"));
        return v;
    }

    String id(String o1, String o2, String rel, Family f, boolean otherUser) {
        return "conn/" + state + "/" + handle + "/" + origin + "/" + o1 + ">" + o2 + "/" + rel + "/" + f.id
                + (technique == null ? "" : "/" + technique) + CatalogGenerator.userSuffix(otherUser);
    }

    Script script(String o1, String o2, String rel, Family f, boolean otherUser) {
        String[] a = rel.split(">");
        Script s = new Script(id(o1, o2, rel, f, otherUser), title(), probeState);
        s.dims(o1, o2, "connection", state, handle, origin, a[0], a[1], f, otherUser);
        s.put("technique", technique);
        s.first(f, o1, a[0]);
        String to = f.targetRef() + ":$PORT";
        String end = handle.equals("open") ? "target: shutdown A wr" : "target: close A";
        if (origin.equals("originated")) {
            originated(s, f);
        } else if (state.equals("backlog")) {
            s.line("target: listen L1 8").line("peer: socket C " + f.peerFamily())
                    .line("peer: connect C " + to).line("target: wait-state $PORT ESTABLISHED").line("target: close L1");
        } else if (state.equals("SYN_RECV")) {
            s.line("target: listen L1 8").line("peer: filter-on drop drop-in-from " + to)
                    .line("peer: socket C " + f.peerFamily()).line("peer: connect C " + to + " timeout=300 -> TIMEOUT")
                    .line("target: wait-state $PORT SYN_RECV");
            if (origin.equals("listener-closed")) {
                s.line("target: close L1");
            }
        } else {
            s.line("target: listen L1 8").line("peer: socket C " + f.peerFamily()).line("peer: connect C " + to)
                    .line("target: accept L1 A").line("target: close L1").line("target: wait-state $PORT ESTABLISHED");
            accepted(s, to, end);
        }
        s.probe(f, o2, a[1], otherUser);
        return s;
    }

    /** From ESTABLISHED (target holds A, peer holds C) to the state. */
    private void accepted(Script s, String to, String end) {
        boolean filter = "filter".equals(technique);
        if (state.equals("ESTABLISHED")) {
            return;
        }
        if (state.equals("CLOSE_WAIT")) {
            s.line("peer: close C").line("target: wait-state $PORT CLOSE_WAIT");
        } else if (state.equals("FIN_WAIT_2")) {
            s.line(end).line("target: wait-state $PORT FIN_WAIT_2");
        } else if (state.equals("TIME_WAIT")) {
            s.line(end).line("target: wait-state $PORT FIN_WAIT_2").line("peer: close C")
                    .line("target: wait-state $PORT TIME_WAIT");
        } else if (state.equals("FIN_WAIT_1")) {
            s.line(filter ? "peer: filter-on drop drop-in-from " + to : "target: send-until-blocked A");
            s.line(end).line("target: wait-state $PORT FIN_WAIT_1");
        } else if (state.equals("LAST_ACK")) {
            s.line("peer: shutdown C wr").line("target: wait-state $PORT CLOSE_WAIT");
            s.line(filter ? "peer: filter-on drop drop-in-from " + to : "target: send-until-blocked A");
            s.line(end).line("target: wait-state $PORT LAST_ACK");
        } else if (state.equals("CLOSING")) {
            s.line(filter ? "peer: filter-on drop drop-in-from " + to : "target: send-until-blocked A");
            s.line(end).line("target: wait-state $PORT FIN_WAIT_1");
            s.line("peer: shutdown C wr").line("target: wait-state $PORT CLOSING");
        } else {
            throw new IllegalStateException("no recipe for " + state);
        }
    }

    /** The target's first socket connects out from the port to a listener on the peer. */
    private void originated(Script s, Family f) {
        String fam = f.peerFamily();
        String peer = f == Family.V6 ? "peer6" : "peer4";
        s.line("peer: socket PL " + fam).line("peer: bind PL " + peer + ":$PEERPORT").line("peer: listen PL 8")
                .line("target: connect L1 " + peer + ":$PEERPORT").line("peer: accept PL C")
                .line("target: wait-state $PORT ESTABLISHED");
        if (state.equals("TIME_WAIT")) {
            s.line("target: close L1").line("target: wait-state $PORT FIN_WAIT_2").line("peer: close C")
                    .line("target: wait-state $PORT TIME_WAIT");
        }
    }

    private String title() {
        String how = technique == null ? "" : " (" + technique.replace("zerowindow", "zero window") + ")";
        if (state.equals("backlog")) {
            return "Listener closed with a connection never accepted.";
        }
        if (state.equals("SYN_RECV")) {
            return "A half-open SYN_RECV connection" + (origin.equals("listener-closed")
                    ? ", listener closed." : ", listener open.") + how;
        }
        return "A connection " + origin + (origin.equals("originated") ? " from" : " on") + " the port, in "
                + state + ", handle " + handle + how + ".";
    }
}
