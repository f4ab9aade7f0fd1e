// Generates the built-in catalog as script text from its dimensions: what lingers on the port (nothing, a bound
// socket, a listener, a connection in each TCP state), the options on the first and second socket, the address
// relation and the family. Ids are built from the same dimensions, so they are stable and readable.
package bindlab.engine.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class CatalogGenerator {
    /** Option sets for one socket; "none" sets nothing, "A+B" sets both in that order. */
    public static final List<String> OPTIONS = Collections.unmodifiableList(
            Arrays.asList("none", "REUSEADDR", "EXCLUSIVEADDRUSE", "REUSEPORT", "REUSEADDR+EXCLUSIVEADDRUSE"));
    /** Address relations first>second: wildcard or the target's specific address. */
    public static final List<String> RELATIONS =
            Collections.unmodifiableList(Arrays.asList("wild>wild", "wild>spec", "spec>wild", "spec>spec"));
    private static final List<Boolean> SAME_USER = Collections.singletonList(false);
    private static final List<Boolean> BOTH_USERS = Arrays.asList(false, true);

    private final StringBuilder out = new StringBuilder();

    private CatalogGenerator() {
    }

    public static String text() {
        CatalogGenerator g = new CatalogGenerator();
        g.controls();
        g.empty();
        g.bound();
        g.listening();
        g.connections();
        return g.out.toString();
    }

    /** Run first on every target: a host that fails one is untrusted. */
    private void controls() {
        Script s = new Script("control/fresh-bind", "Control: a fresh port binds and listens.", "none");
        s.dims.put("lingering", "nothing");
        s.probe(Family.V4, "none", "wild", false);
        emit(s, "OK");
        s = new Script("control/listener-blocks", "Control: an open listener blocks a default bind.", "LISTEN");
        s.dims.put("lingering", "listening");
        s.first(Family.V4, "none", "wild").line("target: listen L1 8");
        s.probe(Family.V4, "none", "wild", false);
        emit(s, "EADDRINUSE");
    }

    private void empty() {
        for (Family f : Family.values()) {
            for (String o2 : OPTIONS) {
                for (String a2 : Arrays.asList("wild", "spec")) {
                    if (f == Family.DUAL) {
                        continue; // needs a first socket
                    }
                    Script s = new Script("empty/" + o2 + "/" + a2 + "/" + f.id, "Nothing lingers: a fresh port.", "none");
                    s.dims(null, o2, "nothing", null, null, null, null, a2, f, false);
                    s.probe(f, o2, a2, false);
                    emit(s, null);
                }
            }
        }
    }

    /** The Microsoft bind table: a bound, not listening, first socket; also with the second socket another user's. */
    private void bound() {
        for (Family f : Family.values()) {
            for (String o1 : OPTIONS) {
                for (String o2 : OPTIONS) {
                    for (String rel : relations(f)) {
                        for (boolean other : f == Family.V4 ? BOTH_USERS : SAME_USER) {
                            String[] a = rel.split(">");
                            // A bound socket has no row on Linux; Windows may list it as CLOSED.
                            Script s = new Script("bound/" + o1 + ">" + o2 + "/" + rel + "/" + f.id + userSuffix(other),
                                    "A bound, not listening, socket holds the port.", "none|CLOSED");
                            s.dims(o1, o2, "bound", null, "open", null, a[0], a[1], f, other);
                            s.first(f, o1, a[0]);
                            s.probe(f, o2, a[1], other);
                            emit(s, null);
                        }
                    }
                }
            }
        }
    }

    static String userSuffix(boolean otherUser) {
        return otherUser ? "/other-user" : "";
    }

    private void listening() {
        for (String o1 : OPTIONS) {
            for (String o2 : OPTIONS) {
                for (String rel : RELATIONS) {
                    for (boolean other : BOTH_USERS) {
                        String[] a = rel.split(">");
                        Script s = new Script("listen/" + o1 + ">" + o2 + "/" + rel + "/v4" + userSuffix(other),
                                "A listening socket holds the port.", "LISTEN");
                        s.dims(o1, o2, "listening", "LISTEN", "open", null, a[0], a[1], Family.V4, other);
                        s.first(Family.V4, o1, a[0]).line("target: listen L1 8");
                        s.probe(Family.V4, o2, a[1], other);
                        emit(s, null);
                    }
                }
            }
        }
    }

    /** Every connection variant with every option pair (v4, wild>wild), and with the other addresses and families
     * for the pairs that set the same option on both sockets. */
    private void connections() {
        for (ConnectionVariant v : ConnectionVariant.all()) {
            for (String o1 : OPTIONS) {
                for (String o2 : OPTIONS) {
                    for (Family f : Family.values()) {
                        for (String rel : relations(f)) {
                            boolean basic = f == Family.V4 && rel.equals("wild>wild");
                            // a dual-stack socket cannot connect() to an IPv4 literal: no originated dual cases
                            boolean possible = !(f == Family.DUAL && v.origin().equals("originated"));
                            if (possible && (basic || o1.equals(o2))) {
                                emit(v.script(o1, o2, rel, f, false), null);
                            }
                            if (possible && basic && o1.equals(o2)) {
                                emit(v.script(o1, o2, rel, f, true), null);
                            }
                        }
                    }
                }
            }
        }
    }

    private static List<String> relations(Family f) {
        return f == Family.DUAL ? Arrays.asList("wild>wild", "wild>spec") : RELATIONS;
    }

    private void emit(Script s, String controlExpect) {
        out.append('\n').append("scenario ").append(s.id).append('\n');
        out.append("title ").append(s.title).append('\n');
        out.append("state ").append(s.state).append('\n');
        if (controlExpect != null) {
            out.append("control ").append(controlExpect).append('\n');
        }
        if (!s.dims.isEmpty()) {
            out.append("dim");
            for (Map.Entry<String, String> e : s.dims.entrySet()) {
                out.append(' ').append(e.getKey()).append('=').append(e.getValue());
            }
            out.append('\n');
        }
        for (String l : s.lines) {
            out.append(l).append('\n');
        }
    }

    /** v4; v6 (V6ONLY on); dual: a dual-stack IPv6 first socket (V6ONLY off) against an IPv4 second socket. */
    enum Family {
        V4("v4"), V6("v6"), DUAL("dual");

        final String id;

        Family(String id) {
            this.id = id;
        }

        String firstFamily() {
            return this == V4 ? "inet" : "inet6";
        }

        String secondFamily() {
            return this == V6 ? "inet6" : "inet";
        }

        /** The peer's sockets: IPv4 except for pure IPv6. */
        String peerFamily() {
            return this == V6 ? "inet6" : "inet";
        }

        /** The address the peer dials: dual-stack sockets take IPv4 traffic. */
        String targetRef() {
            return this == V6 ? "target6" : "target4";
        }

        String address(String relation, boolean first) {
            boolean v6 = first ? this != V4 : this == V6;
            return relation.equals("wild") ? (v6 ? "wildcard6" : "wildcard4") : (v6 ? "target6" : "target4");
        }
    }

    /** One scenario being written. */
    static final class Script {
        final String id;
        final String title;
        final String state;
        final Map<String, String> dims = new LinkedHashMap<String, String>();
        final List<String> lines = new ArrayList<String>();

        Script(String id, String title, String state) {
            this.id = id;
            this.title = title;
            this.state = state;
        }

        Script line(String l) {
            lines.add(l);
            return this;
        }

        void dims(String o1, String o2, String lingering, String tcpState, String handle, String origin, String a1,
                String a2, Family f, boolean otherUser) {
            put("first", o1);
            put("second", o2);
            put("lingering", lingering);
            put("state", tcpState);
            put("handle", handle);
            put("origin", origin);
            put("first_addr", a1);
            put("second_addr", a2);
            put("family", f.id);
            put("user", otherUser ? "other" : "same");
        }

        void put(String k, String v) {
            if (v != null) {
                dims.put(k, v);
            }
        }

        /** The first socket L1, options set (setup: must succeed), bound to its address. */
        Script first(Family f, String opts, String addr) {
            line("target: socket L1 " + f.firstFamily());
            if (f != Family.V4) {
                line("target: setsockopt L1 V6ONLY " + (f == Family.V6 ? 1 : 0));
            }
            for (String o : split(opts)) {
                line("target: setsockopt L1 " + o + " 1");
            }
            return line("target: bind L1 " + f.address(addr, true) + ":$PORT");
        }

        /** The probe: L2's options are part of it (setting both REUSEADDR and EXCLUSIVEADDRUSE may fail there). */
        void probe(Family f, String opts, String addr, boolean otherUser) {
            line("target: socket L2 " + f.secondFamily() + (otherUser ? " as=other" : ""));
            if (f == Family.V6) {
                line("target: setsockopt L2 V6ONLY 1");
            }
            for (String o : split(opts)) {
                line("target: probe setsockopt L2 " + o + " 1");
            }
            line("target: probe bind L2 " + f.address(addr, false) + ":$PORT");
            line("target: probe listen L2 8");
        }

        static List<String> split(String opts) {
            return opts.equals("none") ? Collections.<String>emptyList() : Arrays.asList(opts.split("\\+"));
        }
    }
}
