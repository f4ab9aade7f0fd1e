// Generates the built-in catalog as script text from its dimensions: what lingers on the port, the options on the
// first and second socket, the address relation, the family and the user; and says which scenarios the default
// catalog keeps. Ids are built from the same dimensions, so they are stable and readable.
package bindlab.engine.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The full catalog is the product of every dimension: each lingering kind x every option pair x every address
 * relation (wild/spec on each side) x family (v4, v6, dual) x user (same, other); plus the cross-family binds (one
 * socket in one family, the other in another, with wildcard, loopback and v4-mapped addresses) over a bound socket,
 * a listener and a connection. The default catalog keeps the slices that answer the most per cell: every option pair
 * in IPv4 wildcard binds by the same user, the same option on both sockets everywhere else, and the Microsoft bind
 * table (a bound first socket) whole in IPv4.
 */
public final class CatalogGenerator {
    /** Option sets for one socket; "none" sets nothing, "A+B" sets both in that order. */
    public static final List<String> OPTIONS = Collections.unmodifiableList(
            Arrays.asList("none", "REUSEADDR", "EXCLUSIVEADDRUSE", "REUSEPORT", "REUSEADDR+EXCLUSIVEADDRUSE"));
    /** Address relations first>second of the main product: wildcard or the host's specific address. */
    public static final List<String> RELATIONS =
            Collections.unmodifiableList(Arrays.asList("wild>wild", "wild>spec", "spec>wild", "spec>spec"));

    private final StringBuilder out = new StringBuilder();
    private final Set<String> defaults = new LinkedHashSet<String>();
    private final List<Block> blocks = new ArrayList<Block>();
    private final boolean full;
    private int newlines; // in out so far: the next line written is line newlines + 1

    private CatalogGenerator(boolean full) {
        this.full = full;
    }

    /** The whole catalog as script text, and the ids the default catalog keeps. */
    public static Generated generate() {
        return generate(true);
    }

    /**
     * The full catalog, or (full false) only the default catalog's scenarios, written exactly as the full text writes
     * them: a process that needs only the default catalog (an agent's solo run on a small VM) never holds the other
     * 28,000.
     */
    public static Generated generate(boolean full) {
        CatalogGenerator g = new CatalogGenerator(full);
        g.controls();
        g.empty();
        for (Kind k : kinds()) {
            g.product(k);
        }
        g.crossFamily();
        return new Generated(g.out.toString(), Collections.unmodifiableSet(g.defaults),
                Collections.unmodifiableList(g.blocks));
    }

    /** The generated text, the default catalog's ids, and where each scenario is in the text. */
    public static final class Generated {
        public final String text;
        public final Set<String> defaultIds;
        /** One per scenario, in the text's order. */
        public final List<Block> blocks;

        Generated(String text, Set<String> defaultIds, List<Block> blocks) {
            this.text = text;
            this.defaultIds = defaultIds;
            this.blocks = blocks;
        }
    }

    /** Where one scenario's script is in the text, so it can be parsed alone (Catalog parses on demand). */
    public static final class Block {
        public final String id;
        public final int start;
        public final int end;
        /** The line of its 'scenario' line, for messages. */
        public final int line;
        public final boolean control;

        Block(String id, int start, int end, int line, boolean control) {
            this.id = id;
            this.start = start;
            this.end = end;
            this.line = line;
            this.control = control;
        }
    }

    /** Run first on every target: a host that fails one is untrusted. */
    private void controls() {
        Script s = new Script("control/fresh-bind", "Control: a fresh port binds and listens.", "none");
        s.dims.put("lingering", "nothing");
        s.probe(Family.V4, "none", "wild", false);
        emit(s, "OK", true);
        s = new Script("control/listener-blocks", "Control: an open listener blocks a default bind.", "LISTEN");
        s.dims.put("lingering", "listening");
        s.first(Family.V4, "none", "wild").line("target: listen L1 8");
        s.probe(Family.V4, "none", "wild", false);
        emit(s, "EADDRINUSE", true);
    }

    private void empty() {
        for (Family f : Arrays.asList(Family.V4, Family.V6)) {
            for (String o2 : OPTIONS) {
                for (String a2 : Arrays.asList("wild", "spec")) {
                    Script s = new Script("empty/" + o2 + "/" + a2 + "/" + f.id, "Nothing lingers: a fresh port.", "none");
                    s.dims(null, o2, "nothing", null, null, null, null, a2, f, false);
                    s.probe(f, o2, a2, false);
                    emit(s, null, true);
                }
            }
        }
    }

    /** Every lingering kind: the plain ones, then each way of holding a connection. */
    static List<Kind> kinds() {
        List<Kind> out = new ArrayList<Kind>();
        out.add(new Plain("bound", "bound", "none|CLOSED", "A bound, not listening, socket holds the port.",
                Collections.<String>emptyList()));
        out.add(new Plain("listen", "listening", "LISTEN", "A listening socket holds the port.",
                Collections.singletonList("target: listen L1 8")));
        out.add(new Plain("listen+accepted", "listening+accepted", "LISTEN+ESTABLISHED",
                "A listener still open, with a connection it accepted, ESTABLISHED.", null));
        out.add(new Plain("closed-listener", "closed-listener", "none",
                "A listener bound with the first option, then closed: nothing else ever on the port.",
                Arrays.asList("target: listen L1 8", "target: close L1", "target: wait-state $PORT none")));
        out.addAll(ConnectionVariant.all());
        return out;
    }

    /** One kind over every option pair, relation, family and user of the main product. */
    private void product(Kind k) {
        for (String o1 : OPTIONS) {
            for (String o2 : OPTIONS) {
                for (Family f : Family.MAIN) {
                    for (String rel : RELATIONS) {
                        for (boolean other : new boolean[] {false, true}) {
                            boolean inDefault = k.inDefault(o1, o2, rel, f, other);
                            if (k.possible(f, rel) && (full || inDefault)) { // a script only where it is written
                                emit(k.script(o1, o2, rel, f, other), null, inDefault);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The cross-family binds: the first socket in one family, the second in another, with every address each side
     * can take (wildcard, specific, loopback; on a dual-stack socket also the v4-mapped wildcard, and its specific
     * and loopback addresses v4-mapped), over a bound socket, a listener and an accepted ESTABLISHED connection.
     * The dual wild/spec relations are in the main product already.
     */
    private void crossFamily() {
        List<Kind> kinds = kinds();
        List<Kind> over = Arrays.asList(kinds.get(0), kinds.get(1), ConnectionVariant.established());
        for (Kind k : over) {
            for (String o1 : OPTIONS) {
                for (String o2 : OPTIONS) {
                    for (Family f : Family.CROSS) {
                        for (String a1 : f.first.addresses) {
                            for (String a2 : f.second.addresses) {
                                String rel = a1 + ">" + a2;
                                if (f == Family.DUAL && RELATIONS.contains(rel) || !k.possible(f, rel)) {
                                    continue;
                                }
                                for (boolean other : new boolean[] {false, true}) {
                                    boolean inDefault = o1.equals(o2) && !other;
                                    if (full || inDefault) {
                                        emit(k.script(o1, o2, rel, f, other), null, inDefault);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static String userSuffix(boolean otherUser) {
        return otherUser ? "/other-user" : "";
    }

    private void emit(Script s, String controlExpect, boolean inDefault) {
        if (inDefault) {
            defaults.add(s.id);
        } else if (!full) {
            return;
        }
        line("");
        int start = out.length();
        int first = newlines + 1;
        line("scenario " + s.id);
        line("title " + s.title);
        line("state " + s.state);
        if (controlExpect != null) {
            line("control " + controlExpect);
        }
        if (!s.dims.isEmpty()) {
            out.append("dim");
            for (Map.Entry<String, String> e : s.dims.entrySet()) {
                out.append(' ').append(e.getKey()).append('=').append(e.getValue());
            }
            line("");
        }
        for (String l : s.lines) {
            line(l);
        }
        blocks.add(new Block(s.id, start, out.length(), first, controlExpect != null));
    }

    private void line(String text) {
        out.append(text).append('\n');
        newlines++;
    }

    /** What lingers on the port, crossed with the other dimensions. */
    abstract static class Kind {
        /** Whether this kind can be built with these sockets (a peer cannot reach a loopback-bound socket). */
        boolean possible(Family f, String rel) {
            return true;
        }

        abstract Script script(String o1, String o2, String rel, Family f, boolean otherUser);

        /**
         * The default catalog: every option pair for IPv4 wildcard binds by the same user; the same option on both
         * sockets for every relation and family (dual-stack: the wildcard first socket, as before) and, in the
         * IPv4 wildcard case, by another user too.
         */
        boolean inDefault(String o1, String o2, String rel, Family f, boolean other) {
            boolean basic = f == Family.V4 && rel.equals("wild>wild");
            boolean same = o1.equals(o2);
            if (other) {
                return basic && same;
            }
            return basic || same && (f != Family.DUAL || rel.startsWith("wild>"));
        }
    }

    /** A lingering kind that is a socket of the first's own: bound, listening, a closed listener. */
    static final class Plain extends Kind {
        final String group;
        final String lingering;
        final String state;
        final String title;
        final List<String> after; // null: the listener with an accepted connection

        Plain(String group, String lingering, String state, String title, List<String> after) {
            this.group = group;
            this.lingering = lingering;
            this.state = state;
            this.title = title;
            this.after = after;
        }

        @Override
        boolean possible(Family f, String rel) {
            return after != null || !rel.startsWith("loop>");
        }

        @Override
        Script script(String o1, String o2, String rel, Family f, boolean otherUser) {
            String[] a = rel.split(">");
            Script s = new Script(group + "/" + o1 + ">" + o2 + "/" + rel + "/" + f.id + userSuffix(otherUser), title,
                    state);
            // dims as before this kind list grew: a listener's state is LISTEN, a bound socket's none
            String tcpState = state.equals("none") || state.equals("none|CLOSED") ? null : state;
            s.dims(o1, o2, lingering, tcpState, lingering.equals("closed-listener") ? null : "open", null, a[0], a[1],
                    f, otherUser);
            s.first(f, o1, a[0]);
            if (after == null) {
                String to = f.first.targetRef + ":$PORT";
                s.line("target: listen L1 8").line("peer: socket C " + f.first.peerFamily).line("peer: connect C " + to)
                        .line("target: accept L1 A").line("target: wait-state $PORT ESTABLISHED");
            } else {
                for (String l : after) {
                    s.line(l);
                }
            }
            s.probe(f, o2, a[1], otherUser);
            return s;
        }

        @Override
        boolean inDefault(String o1, String o2, String rel, Family f, boolean other) {
            if (group.equals("bound")) {
                // the Microsoft bind table, whole for IPv4 (both users); same user for IPv6 and dual-stack
                return f == Family.V4 || !other && (f == Family.V6 || rel.startsWith("wild>"));
            }
            if (group.equals("listen")) {
                return f == Family.V4;
            }
            return super.inDefault(o1, o2, rel, f, other);
        }
    }

    /** How one socket is made: IPv4, IPv6 only (V6ONLY on), or dual-stack IPv6 (V6ONLY off). */
    enum Stack {
        V4("inet", "target4", "peer4", "inet", Arrays.asList("wild", "spec", "loop")),
        V6("inet6", "target6", "peer6", "inet6", Arrays.asList("wild", "spec", "loop")),
        DUAL("inet6", "target4", "mapped-peer4", "inet", Arrays.asList("wild", "spec", "mwild", "loop"));

        final String family;
        /** The address the peer dials to reach a socket of this stack: dual-stack sockets take IPv4 traffic. */
        final String targetRef;
        /** The address a socket of this stack dials to reach the peer (dual-stack: the peer's v4-mapped address). */
        final String peerRef;
        /** The peer's socket family facing this stack. */
        final String peerFamily;
        /** The address kinds a socket of this stack binds in the cross-family part. */
        final List<String> addresses;

        Stack(String family, String targetRef, String peerRef, String peerFamily, List<String> addresses) {
            this.family = family;
            this.targetRef = targetRef;
            this.peerRef = peerRef;
            this.peerFamily = peerFamily;
            this.addresses = addresses;
        }

        /**
         * wild: the wildcard; spec: the target's own address; loop: the loopback. On a dual-stack socket, spec and
         * loop are the IPv4 ones v4-mapped (::ffff:a.b.c.d), the specific addresses it shares with IPv4, and mwild
         * is the v4-mapped wildcard ::ffff:0.0.0.0.
         */
        String address(String kind) {
            if (kind.equals("wild")) {
                return this == V4 ? "wildcard4" : "wildcard6";
            }
            if (kind.equals("spec")) {
                return this == V4 ? "target4" : this == V6 ? "target6" : "mapped-target4";
            }
            if (kind.equals("loop")) {
                return this == V4 ? "loopback4" : this == V6 ? "loopback6" : "mapped-loopback4";
            }
            if (kind.equals("mwild") && this == DUAL) {
                return "mapped-wildcard4";
            }
            throw new IllegalArgumentException("no address '" + kind + "' on a " + this + " socket");
        }

        /** The V6ONLY setting this stack needs, as a setup line; none for IPv4. */
        String v6only(String socket) {
            return this == V4 ? null : "target: setsockopt " + socket + " V6ONLY " + (this == V6 ? 1 : 0);
        }
    }

    /**
     * The first and second sockets' stacks. v4, v6 and dual (a dual-stack first socket, an IPv4 second) are the main
     * product's; v4>dual, v4>v6 and v6>v4 are the cross-family binds, with dual.
     */
    enum Family {
        V4("v4", Stack.V4, Stack.V4), V6("v6", Stack.V6, Stack.V6), DUAL("dual", Stack.DUAL, Stack.V4),
        V4_DUAL("v4>dual", Stack.V4, Stack.DUAL), V4_V6("v4>v6", Stack.V4, Stack.V6), V6_V4("v6>v4", Stack.V6, Stack.V4);

        static final List<Family> MAIN = Collections.unmodifiableList(Arrays.asList(V4, V6, DUAL));
        static final List<Family> CROSS = Collections.unmodifiableList(Arrays.asList(DUAL, V4_DUAL, V4_V6, V6_V4));

        final String id;
        final Stack first;
        final Stack second;

        Family(String id, Stack first, Stack second) {
            this.id = id;
            this.first = first;
            this.second = second;
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
            line("target: socket L1 " + f.first.family);
            String v6only = f.first.v6only("L1");
            if (v6only != null) {
                line(v6only);
            }
            for (String o : split(opts)) {
                line("target: setsockopt L1 " + o + " 1");
            }
            return line("target: bind L1 " + f.first.address(addr) + ":$PORT");
        }

        /** The probe: L2's options are part of it (setting both REUSEADDR and EXCLUSIVEADDRUSE may fail there). */
        void probe(Family f, String opts, String addr, boolean otherUser) {
            line("target: socket L2 " + f.second.family + (otherUser ? " as=other" : ""));
            String v6only = f.second.v6only("L2");
            if (v6only != null) {
                line(v6only);
            }
            for (String o : split(opts)) {
                line("target: probe setsockopt L2 " + o + " 1");
            }
            line("target: probe bind L2 " + f.second.address(addr) + ":$PORT");
            line("target: probe listen L2 8");
        }

        static List<String> split(String opts) {
            return opts.equals("none") ? Collections.<String>emptyList() : Arrays.asList(opts.split("\\+"));
        }
    }
}
