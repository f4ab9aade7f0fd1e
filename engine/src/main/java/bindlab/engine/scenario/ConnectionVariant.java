// How to hold a connection on the port in one TCP state: the step sequence for each state, handle (open or
// orphan), origin (accepted on the port, or originated from it) and technique (zero window or packet filter).
package bindlab.engine.scenario;

import bindlab.engine.scenario.CatalogGenerator.Family;
import bindlab.engine.scenario.CatalogGenerator.Kind;
import bindlab.engine.scenario.CatalogGenerator.Script;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * state is what must be on the port at the probe ("A|B" when the OS decides between them, e.g. a backlog
 * connection a closed listener may reset). handle: "open" keeps the target's socket (shutdown instead of close),
 * "orphan" closes it. An accepted connection's listener is closed first, so only the connection holds the port.
 */
final class ConnectionVariant extends Kind {
    /** The states a closing connection passes through, each held with the handle open and orphaned. */
    private static final List<String> CLOSING_STATES = Arrays.asList("FIN_WAIT_2", "TIME_WAIT");
    private static final List<String> HELD_STATES = Arrays.asList("FIN_WAIT_1", "LAST_ACK", "CLOSING");
    /** The time-out of a connect the peer's filter keeps from completing (SYN_RECV, SYN_SENT). */
    static final int FILTERED_CONNECT_MS = 50;

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

    /**
     * Accepted on the port and originated from it: ESTABLISHED and CLOSE_WAIT with the handle open; FIN_WAIT_2 and
     * TIME_WAIT, and FIN_WAIT_1, LAST_ACK and CLOSING by each technique, with the handle open and orphaned; reset by
     * the peer with the handle open (CLOSED). Only accepted: a connection never accepted and the half-open SYN_RECV;
     * only originated: SYN_SENT. (SYN_RECV on an originating socket needs a simultaneous open, not built.)
     */
    static List<ConnectionVariant> all() {
        List<ConnectionVariant> v = new ArrayList<ConnectionVariant>();
        for (String origin : Arrays.asList("accepted", "originated")) {
            v.add(new ConnectionVariant("ESTABLISHED", "open", origin, null, "ESTABLISHED"));
            v.add(new ConnectionVariant("CLOSE_WAIT", "open", origin, null, "CLOSE_WAIT"));
            for (String handle : Arrays.asList("open", "orphan")) {
                for (String state : CLOSING_STATES) {
                    v.add(new ConnectionVariant(state, handle, origin, null, state));
                }
                for (String technique : Arrays.asList("zerowindow", "filter")) {
                    for (String state : HELD_STATES) {
                        v.add(new ConnectionVariant(state, handle, origin, technique, state));
                    }
                }
            }
            // Linux unhashes a reset socket: its table has no row for it though the handle holds the port.
            v.add(new ConnectionVariant("CLOSED", "open", origin, null, "none|CLOSED"));
        }
        v.add(new ConnectionVariant("SYN_SENT", "open", "originated", "filter", "SYN_SENT"));
        v.add(new ConnectionVariant("backlog", "orphan", "accepted", null, "none|ESTABLISHED"));
        v.add(new ConnectionVariant("SYN_RECV", "orphan", "listener-open", "filter", "SYN_RECV"));
        v.add(new ConnectionVariant("SYN_RECV", "orphan", "listener-closed", "filter", "none|SYN_RECV"));
        return v;
    }

    /** An accepted ESTABLISHED connection, handle open: the connection of the cross-family binds. */
    static ConnectionVariant established() {
        return all().get(0);
    }

    @Override
    boolean possible(Family f, String rel) {
        return !rel.startsWith("loop>"); // the peer cannot reach a socket bound to the target's loopback
    }

    String id(String o1, String o2, String rel, Family f, boolean otherUser) {
        return "conn/" + state + "/" + handle + "/" + origin + "/" + o1 + ">" + o2 + "/" + rel + "/" + f.id
                + (technique == null ? "" : "/" + technique) + CatalogGenerator.userSuffix(otherUser);
    }

    @Override
    Script script(String o1, String o2, String rel, Family f, boolean otherUser) {
        String[] a = rel.split(">");
        Script s = new Script(id(o1, o2, rel, f, otherUser), title(), probeState);
        s.dims(o1, o2, "connection", state, handle, origin, a[0], a[1], f, otherUser);
        s.put("technique", technique);
        s.first(f, o1, a[0]);
        String to = f.first.targetRef + ":$PORT";
        // A filtered connect's time-out only has to outlast the connect call: the SYN leaves at connect(), the filter
        // keeps the handshake from completing, the socket stays in its attempt after TIMEOUT, and the wait-state
        // that follows waits for the state itself. At 300 ms it was most of these cells' time.
        String filteredConnect = " timeout=" + FILTERED_CONNECT_MS + " -> TIMEOUT";
        if (state.equals("backlog")) {
            s.line("target: listen L1 8").line("peer: socket C " + f.first.peerFamily)
                    .line("peer: connect C " + to).line("target: wait-state $PORT ESTABLISHED").line("target: close L1");
        } else if (state.equals("SYN_RECV")) {
            s.line("target: listen L1 8").line("peer: filter-on drop drop-in-from " + to)
                    .line("peer: socket C " + f.first.peerFamily).line("peer: connect C " + to + filteredConnect)
                    .line("target: wait-state $PORT SYN_RECV");
            if (origin.equals("listener-closed")) {
                s.line("target: close L1");
            }
        } else if (state.equals("SYN_SENT")) {
            // the peer drops the target's SYN: the target retransmits it for minutes, in SYN_SENT
            s.line("peer: filter-on drop drop-in-from " + to)
                    .line("target: connect L1 " + f.first.peerRef + ":$PEERPORT" + filteredConnect)
                    .line("target: wait-state $PORT SYN_SENT");
        } else if (origin.equals("originated")) {
            String bind = f.first == CatalogGenerator.Stack.V6 ? "peer6" : "peer4";
            s.line("peer: socket PL " + f.first.peerFamily).line("peer: bind PL " + bind + ":$PEERPORT")
                    .line("peer: listen PL 8").line("target: connect L1 " + f.first.peerRef + ":$PEERPORT")
                    .line("peer: accept PL C").line("target: wait-state $PORT ESTABLISHED");
            established(s, "L1", to);
        } else {
            s.line("target: listen L1 8").line("peer: socket C " + f.first.peerFamily).line("peer: connect C " + to)
                    .line("target: accept L1 A").line("target: close L1").line("target: wait-state $PORT ESTABLISHED");
            established(s, "A", to);
        }
        s.probe(f, o2, a[1], otherUser);
        return s;
    }

    /** From ESTABLISHED (the target holds socket t, the peer holds C) to the state. */
    private void established(Script s, String t, String to) {
        boolean filter = "filter".equals(technique);
        String end = handle.equals("open") ? "target: shutdown " + t + " wr" : "target: close " + t;
        String hold = filter ? "peer: filter-on drop drop-in-from " + to : "target: send-until-blocked " + t;
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
            s.line(hold).line(end).line("target: wait-state $PORT FIN_WAIT_1");
        } else if (state.equals("LAST_ACK")) {
            s.line("peer: shutdown C wr").line("target: wait-state $PORT CLOSE_WAIT");
            s.line(hold).line(end).line("target: wait-state $PORT LAST_ACK");
        } else if (state.equals("CLOSING")) {
            s.line(hold).line(end).line("target: wait-state $PORT FIN_WAIT_1");
            s.line("peer: shutdown C wr").line("target: wait-state $PORT CLOSING");
        } else if (state.equals("CLOSED")) {
            // the peer's abortive close sends RST; the target's recv proves its socket is reset and still open
            s.line("peer: close C abortive").line("target: wait-state $PORT none")
                    .line("target: recv " + t + " -> ECONNRESET");
        } else {
            throw new IllegalStateException("no recipe for " + state);
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
        if (state.equals("SYN_SENT")) {
            return "A connection originated from the port, its SYN dropped by the peer: SYN_SENT" + how + ".";
        }
        if (state.equals("CLOSED")) {
            return "A connection " + origin + (origin.equals("originated") ? " from" : " on")
                    + " the port, reset by the peer (RST) while the target still holds its handle: CLOSED but open.";
        }
        return "A connection " + origin + (origin.equals("originated") ? " from" : " on") + " the port, in "
                + state + ", handle " + handle + how + ".";
    }
}
