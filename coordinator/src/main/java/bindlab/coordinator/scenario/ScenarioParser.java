// Parses scenario scripts: packetdrill-like, one step per line, "role: [probe] verb args [-> EXPECT[?]]".
package bindlab.coordinator.scenario;

import bindlab.coordinator.scenario.StepTemplate.Expect;
import bindlab.proto.v1.Family;
import bindlab.proto.v1.FilterDirection;
import bindlab.proto.v1.ShutdownHow;
import bindlab.proto.v1.SockOption;
import bindlab.proto.v1.TcpState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

public final class ScenarioParser {
    public static final Set<String> ADDRESS_REFS =
            Set.of("wildcard4", "wildcard6", "loopback4", "loopback6", "target4", "target6", "peer4", "peer6");
    public static final Set<String> OUTCOMES =
            Set.of("OK", "EADDRINUSE", "EACCES", "EINVAL", "ECONNREFUSED", "ETIMEDOUT", "TIMEOUT", "any");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_./>+=-]+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern NUMERIC = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final String source;
    private final List<Scenario> done = new ArrayList<>();
    private Draft draft;

    private ScenarioParser(String source) {
        this.source = source;
    }

    /** Parses every scenario in text; source names the file in error messages. */
    public static List<Scenario> parse(String source, String text) {
        ScenarioParser p = new ScenarioParser(source);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            p.line(i + 1, lines[i]);
        }
        p.finish(lines.length);
        return p.done;
    }

    private void line(int n, String raw) {
        String text = raw.strip();
        if (text.isEmpty() || text.startsWith("#")) {
            return;
        }
        String[] head = text.split("\\s+", 2);
        String rest = head.length > 1 ? head[1].strip() : "";
        switch (head[0]) {
            case "scenario" -> {
                finish(n);
                if (!ID.matcher(rest).matches()) {
                    throw error(n, "scenario", "id '" + rest + "' must be non-empty and use only letters, digits and _ . / > + = -");
                }
                draft = new Draft(rest, n);
            }
            case "title" -> current(n, "title").title = rest;
            case "state" -> current(n, "state").states = states(n, rest);
            case "control" -> current(n, "control").control = expect(n, rest).outcome();
            case "requires" -> requires(n, rest);
            case "dim" -> dims(n, rest);
            default -> current(n, "step").steps.add(step(n, text));
        }
    }

    private Draft current(int n, String field) {
        if (draft == null) {
            throw error(n, field, "comes before any 'scenario <id>' line");
        }
        return draft;
    }

    private void requires(int n, String rest) {
        Draft d = current(n, "requires");
        for (String w : words(rest)) {
            if (w.equals("filter")) {
                d.filter = true;
            } else {
                d.options.add(option(n, "requires", w));
            }
        }
    }

    private void dims(int n, String rest) {
        Draft d = current(n, "dim");
        for (String w : words(rest)) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw error(n, "dim", "'" + w + "' is not key=value");
            }
            d.dims.put(w.substring(0, eq), w.substring(eq + 1));
        }
    }

    private StepTemplate step(int n, String text) {
        int colon = text.indexOf(':');
        String roleWord = colon < 0 ? text.split("\\s+")[0] : text.substring(0, colon).strip();
        Role role = switch (roleWord) {
            case "target" -> Role.TARGET;
            case "peer" -> Role.PEER;
            default -> throw error(n, "role", "'" + roleWord + "' is not a keyword (scenario, title, state, requires, dim)"
                    + " or a role (target:, peer:)");
        };
        if (colon < 0) {
            throw error(n, "role", "write '" + roleWord + ":' with a colon");
        }
        String body = text.substring(colon + 1).strip();
        Expect expect = Expect.OK;
        int arrow = body.indexOf("->");
        if (arrow >= 0) {
            expect = expect(n, body.substring(arrow + 2).strip());
            body = body.substring(0, arrow).strip();
        }
        List<String> w = new ArrayList<>(words(body));
        boolean probe = !w.isEmpty() && w.get(0).equals("probe");
        if (probe) {
            w.remove(0);
            if (role != Role.TARGET) {
                throw error(n, "probe", "only the target runs the probe");
            }
            if (arrow < 0) {
                expect = Expect.ANY;
            }
        }
        int timeout = 0;
        boolean otherUser = false;
        for (int i = w.size() - 1; i >= 0; i--) {
            if (w.get(i).startsWith("timeout=")) {
                timeout = number(n, "timeout", w.remove(i).substring(8), 1, 600000);
            } else if (w.get(i).startsWith("as=")) {
                if (!w.get(i).equals("as=other")) {
                    throw error(n, "as", "'" + w.get(i) + "' must be as=other");
                }
                w.remove(i);
                otherUser = true;
            }
        }
        if (w.isEmpty()) {
            throw error(n, "verb", "missing after '" + role.word() + ":'");
        }
        StepKind kind = StepKind.of(w.get(0)).orElseThrow(() -> error(n, "verb", "unknown verb '" + w.get(0)
                + "'; known: socket setsockopt bind listen accept connect send-until-blocked recv shutdown close"
                + " observe wait-state filter-on filter-off"));
        if (otherUser && kind != StepKind.SOCKET) {
            throw error(n, "as", "only 'socket' takes as=other");
        }
        return new LineParser(n, text, role, probe, kind, w.subList(1, w.size()), timeout, otherUser, expect).parse();
    }

    private Expect expect(int n, String word) {
        boolean hint = word.endsWith("?");
        String outcome = hint ? word.substring(0, word.length() - 1) : word;
        if (!OUTCOMES.contains(outcome)) {
            throw error(n, "expect", "'" + outcome + "' is not one of " + OUTCOMES);
        }
        return outcome.equals("any") ? Expect.ANY : new Expect(outcome, !hint);
    }

    /** Parses the arguments of one verb. */
    private final class LineParser {
        final int n;
        final String text;
        final Role role;
        final boolean probe;
        final StepKind kind;
        final List<String> a;
        final int timeout;
        final boolean otherUser;
        final Expect expect;

        LineParser(int n, String text, Role role, boolean probe, StepKind kind, List<String> a, int timeout,
                boolean otherUser, Expect expect) {
            this.otherUser = otherUser;
            this.n = n;
            this.text = text;
            this.role = role;
            this.probe = probe;
            this.kind = kind;
            this.a = a;
            this.timeout = timeout;
            this.expect = expect;
        }

        StepTemplate parse() {
            return switch (kind) {
                case SOCKET -> {
                    arity(2, 2, "socket NAME inet|inet6");
                    Family f = switch (a.get(1)) {
                        case "inet" -> Family.INET;
                        case "inet6" -> Family.INET6;
                        default -> throw error(n, "family", "'" + a.get(1) + "' is not inet or inet6");
                    };
                    yield make(fresh(0), null, f, null, 0, 0, null, null, 0, null, false, null, null, null, 0);
                }
                case SETSOCKOPT -> {
                    arity(3, 4, "setsockopt NAME OPTION VALUE [LINGER_SECONDS]");
                    SockOption o = option(n, "option", a.get(1));
                    int v = number(n, "value", a.get(2), 0, 1);
                    int secs = a.size() > 3 ? number(n, "linger seconds", a.get(3), 0, 3600) : 0;
                    yield make(known(0), null, null, o, v, secs, null, null, 0, null, false, null, null, null, 0);
                }
                case BIND, CONNECT -> {
                    arity(2, 2, kind.word + " NAME ADDR:PORT");
                    String[] ap = addrPort(a.get(1));
                    yield make(known(0), null, null, null, 0, 0, ap[0], ap[1], 0, null, false, null, null, null, 0);
                }
                case LISTEN -> {
                    arity(1, 2, "listen NAME [BACKLOG]");
                    int backlog = a.size() > 1 ? number(n, "backlog", a.get(1), 0, 4096) : 16;
                    yield make(known(0), null, null, null, 0, 0, null, null, backlog, null, false, null, null, null, 0);
                }
                case ACCEPT -> {
                    arity(2, 2, "accept LISTENER NEWNAME");
                    String listener = known(0);
                    yield make(listener, fresh(1), null, null, 0, 0, null, null, 0, null, false, null, null, null, 0);
                }
                case SEND_UNTIL_BLOCKED -> {
                    arity(1, 1, "send-until-blocked NAME");
                    yield make(known(0), null, null, null, 0, 0, null, null, 0, null, false, null, null, null, 0);
                }
                case RECV -> {
                    arity(1, 2, "recv NAME [MAX_BYTES]");
                    int max = a.size() > 1 ? number(n, "max bytes", a.get(1), 0, Integer.MAX_VALUE) : 0;
                    yield make(known(0), null, null, null, 0, 0, null, null, 0, null, false, null, null, null, max);
                }
                case SHUTDOWN -> {
                    arity(2, 2, "shutdown NAME rd|wr|rdwr");
                    ShutdownHow how = switch (a.get(1)) {
                        case "rd" -> ShutdownHow.SHUT_RD;
                        case "wr" -> ShutdownHow.SHUT_WR;
                        case "rdwr" -> ShutdownHow.SHUT_RDWR;
                        default -> throw error(n, "how", "'" + a.get(1) + "' is not rd, wr or rdwr");
                    };
                    yield make(known(0), null, null, null, 0, 0, null, null, 0, how, false, null, null, null, 0);
                }
                case CLOSE -> {
                    arity(1, 2, "close NAME [abortive]");
                    if (a.size() > 1 && !a.get(1).equals("abortive")) {
                        throw error(n, "close", "'" + a.get(1) + "' is not 'abortive'");
                    }
                    String name = known(0);
                    sockets().remove(name);
                    yield make(name, null, null, null, 0, 0, null, null, 0, null, a.size() > 1, null, null, null, 0);
                }
                case OBSERVE -> {
                    arity(1, 1, "observe PORT");
                    yield make(null, null, null, null, 0, 0, null, port(a.get(0)), 0, null, false, null, null, null, 0);
                }
                case WAIT_STATE -> {
                    arity(2, 2, "wait-state PORT STATE");
                    TcpState s = state(n, "state", a.get(1), false);
                    yield make(null, null, null, null, 0, 0, null, port(a.get(0)), 0, null, false, s, null, null, 0);
                }
                case FILTER_ON -> {
                    arity(3, 3, "filter-on RULE drop-in-from|drop-out-to ADDR:PORT");
                    FilterDirection d = switch (a.get(1)) {
                        case "drop-in-from" -> FilterDirection.DROP_INBOUND_FROM;
                        case "drop-out-to" -> FilterDirection.DROP_OUTBOUND_TO;
                        default -> throw error(n, "direction", "'" + a.get(1) + "' is not drop-in-from or drop-out-to");
                    };
                    String[] ap = addrPort(a.get(2));
                    draft.filter = true;
                    yield make(null, null, null, null, 0, 0, ap[0], ap[1], 0, null, false, null, name(0), d, 0);
                }
                case FILTER_OFF -> {
                    arity(1, 1, "filter-off RULE");
                    yield make(null, null, null, null, 0, 0, null, null, 0, null, false, null, name(0), null, 0);
                }
            };
        }

        private StepTemplate make(String socket, String newSocket, Family family, SockOption option, int value,
                int linger, String addr, String port, int backlog, ShutdownHow how, boolean abortive, TcpState state,
                String rule, FilterDirection direction, int maxBytes) {
            return new StepTemplate(n, text, role, probe, kind, socket, newSocket, family, option, value, linger, addr,
                    port, backlog, how, abortive, state, rule, direction, maxBytes, timeout, otherUser, expect);
        }

        private void arity(int min, int max, String usage) {
            if (a.size() < min || a.size() > max) {
                throw error(n, kind.word, "takes " + (min == max ? min : min + "-" + max) + " argument(s): " + usage);
            }
        }

        private Set<String> sockets() {
            return role == Role.TARGET ? draft.targetSockets : draft.peerSockets;
        }

        private String name(int i) {
            if (!NAME.matcher(a.get(i)).matches()) {
                throw error(n, "name", "'" + a.get(i) + "' must be a letter followed by letters, digits or _");
            }
            return a.get(i);
        }

        private String known(int i) {
            String s = name(i);
            if (!sockets().contains(s)) {
                throw error(n, "socket", "'" + s + "' is not an open " + role.word() + " socket here");
            }
            return s;
        }

        private String fresh(int i) {
            String s = name(i);
            if (!sockets().add(s)) {
                throw error(n, "socket", "'" + s + "' is already an open " + role.word() + " socket");
            }
            return s;
        }

        private String[] addrPort(String word) {
            int c = word.lastIndexOf(':');
            if (c <= 0) {
                throw error(n, "address", "'" + word + "' is not ADDR:PORT");
            }
            String addr = word.substring(0, c).replace("[", "").replace("]", "");
            if (!ADDRESS_REFS.contains(addr) && !NUMERIC.matcher(addr).matches()) {
                throw error(n, "address", "'" + addr + "' is neither a numeric address nor one of " + ADDRESS_REFS);
            }
            return new String[] {addr, port(word.substring(c + 1))};
        }

        private String port(String word) {
            if (word.equals("$PORT") || word.equals("$PEERPORT")) {
                return word;
            }
            number(n, "port", word, 1, 65535);
            return word;
        }
    }

    private void finish(int n) {
        if (draft == null) {
            return;
        }
        Draft d = draft;
        draft = null;
        if (d.states == null) {
            throw error(d.line, "state", "scenario '" + d.id + "' has no 'state' line (use 'state none' for an empty port)");
        }
        if (d.steps.stream().noneMatch(StepTemplate::probe)) {
            throw error(d.line, "probe", "scenario '" + d.id + "' has no 'target: probe ...' line");
        }
        if (done.stream().anyMatch(s -> s.id().equals(d.id))) {
            throw error(d.line, "scenario", "id '" + d.id + "' is used twice in this file");
        }
        done.add(new Scenario(d.id, d.title == null ? "" : d.title, d.states, d.control, Set.copyOf(d.options), d.filter,
                Map.copyOf(d.dims), List.copyOf(d.steps), source + ":" + d.line));
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : List.of(s.strip().split("\\s+"));
    }

    private SockOption option(int n, String field, String word) {
        try {
            SockOption o = SockOption.valueOf(word);
            if (o != SockOption.SOCK_OPTION_UNSPECIFIED && o != SockOption.UNRECOGNIZED) {
                return o;
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw error(n, field, "'" + word + "' is not an option: REUSEADDR EXCLUSIVEADDRUSE REUSEPORT LINGER V6ONLY");
    }

    /** "LISTEN", "none", or alternatives "none|ESTABLISHED". */
    private List<TcpState> states(int n, String rest) {
        List<TcpState> out = new ArrayList<>();
        for (String w : rest.split("\\|", -1)) {
            TcpState s = state(n, "state", w.strip(), true);
            if (out.contains(s)) {
                throw error(n, "state", "'" + w.strip() + "' is listed twice");
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    private TcpState state(int n, String field, String word, boolean allowNone) {
        if (allowNone && word.equals("none")) {
            return TcpState.TCP_STATE_UNSPECIFIED;
        }
        try {
            TcpState s = TcpState.valueOf(word);
            if (s != TcpState.TCP_STATE_UNSPECIFIED && s != TcpState.UNRECOGNIZED) {
                return s;
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw error(n, field, "'" + word + "' is not a TCP state (LISTEN, ESTABLISHED, FIN_WAIT_2, TIME_WAIT, ...)"
                + (allowNone ? " or 'none'" : ""));
    }

    private int number(int n, String field, String word, int min, int max) {
        try {
            long v = Long.parseLong(word);
            if (v >= min && v <= max) {
                return (int) v;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw error(n, field, "'" + word + "' is not a whole number in " + min + "-" + max);
    }

    private ScenarioException error(int line, String field, String problem) {
        return new ScenarioException(source, line, field, problem);
    }

    /** A scenario being read. */
    private static final class Draft {
        final String id;
        final int line;
        String title;
        List<TcpState> states;
        String control;
        boolean filter;
        final Set<SockOption> options = EnumSet.noneOf(SockOption.class);
        final Map<String, String> dims = new LinkedHashMap<>();
        final List<StepTemplate> steps = new ArrayList<>();
        final Set<String> targetSockets = new HashSet<>();
        final Set<String> peerSockets = new HashSet<>();

        Draft(String id, int line) {
            this.id = id;
            this.line = line;
        }
    }
}
