// Parses scenario scripts: packetdrill-like, one step per line, "role: [probe] verb args [timeout=MS] [-> EXPECT[?]]".
// Verbs come from the Verbs table; everything else on a line is parsed here, once.
package bindlab.engine.scenario;

import bindlab.engine.BadInput;
import bindlab.engine.InputLimits;
import bindlab.engine.TextFile;
import bindlab.proto.v1.SockOption;
import bindlab.proto.v1.TcpState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

public final class ScenarioParser {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_./>+=-]{1,200}");
    private static final Pattern DIM_KEY = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    private final String source;
    private final List<Scenario> done = new ArrayList<Scenario>();
    private final Map<String, Integer> idLines = new HashMap<String, Integer>();
    private Draft draft;

    private ScenarioParser(String source) {
        this.source = source;
    }

    /** Reads and parses a scenario file, within the documented limits; a file with no scenario is an error. */
    public static List<Scenario> read(Path file) {
        List<Scenario> out = parse(file.toString(), TextFile.read(file, InputLimits.SCENARIO_FILE_BYTES));
        if (out.isEmpty()) {
            throw BadInput.of(file.toString(), "defines no scenario (want 'scenario <id>' lines)");
        }
        return out;
    }

    /** Parses every scenario in text; source names the file in error messages. */
    public static List<Scenario> parse(String source, String text) {
        return parse(source, text, 1);
    }

    /** The same for text that starts at line firstLine of source (one block of a larger text). */
    public static List<Scenario> parse(String source, String text, int firstLine) {
        InputLimits.checkLineLength(source, text, InputLimits.SCENARIO_LINE_CHARS);
        ScenarioParser p = new ScenarioParser(source);
        int n = firstLine - 1;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            p.line(++n, text.substring(start, end));
            start = end + 1;
        }
        p.finish();
        return p.done;
    }

    private void line(int n, String raw) {
        if (raw.indexOf('\0') >= 0) {
            throw error(n, "line", "holds a NUL byte");
        }
        String text = raw.trim();
        if (text.isEmpty() || text.startsWith("#")) {
            return;
        }
        String[] head = split(text, 2);
        String rest = head.length > 1 ? head[1].trim() : "";
        switch (head[0]) {
            case "scenario":
                finish();
                if (!ID.matcher(rest).matches()) {
                    throw error(n, "scenario", "id '" + rest + "' must be 1-200 letters, digits and _ . / > + = -");
                }
                Integer before = idLines.put(rest, n);
                if (before != null) {
                    throw error(n, "scenario", "id '" + rest + "' is used twice in this file (first at line " + before + ")");
                }
                if (done.size() >= InputLimits.SCENARIOS_PER_FILE) {
                    throw error(n, "scenario", "more than " + InputLimits.SCENARIOS_PER_FILE + " scenarios in one file");
                }
                draft = new Draft(rest, n);
                return;
            case "title":
                current(n, "title").title = rest;
                return;
            case "state":
                Draft st = current(n, "state");
                st.allStates = rest.indexOf('+') >= 0;
                st.states = states(n, rest, st.allStates);
                return;
            case "control":
                current(n, "control").control = expect(n, rest).outcome();
                return;
            case "requires":
                requires(n, rest);
                return;
            case "dim":
                dims(n, rest);
                return;
            default:
                Draft d = current(n, "step");
                d.steps.add(step(n, text, d));
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
                d.options.add(option(source, n, "requires", w));
            }
        }
    }

    private void dims(int n, String rest) {
        Draft d = current(n, "dim");
        for (String w : words(rest)) {
            int eq = w.indexOf('=');
            if (eq <= 0 || !DIM_KEY.matcher(w.substring(0, eq)).matches()) {
                throw error(n, "dim", "'" + w + "' is not key=value (key: lower-case letters, digits, _)");
            }
            d.dims.put(w.substring(0, eq), w.substring(eq + 1));
        }
    }

    private StepLine step(int n, String text, Draft d) {
        int colon = text.indexOf(':');
        String roleWord = colon < 0 ? split(text, 0)[0] : text.substring(0, colon).trim();
        Role role;
        if (roleWord.equals("target")) {
            role = Role.TARGET;
        } else if (roleWord.equals("peer")) {
            role = Role.PEER;
        } else {
            throw error(n, "role", "'" + roleWord + "' is not a keyword (scenario, title, state, control, requires, dim)"
                    + " or a role (target:, peer:)");
        }
        if (colon < 0) {
            throw error(n, "role", "write '" + roleWord + ":' with a colon");
        }
        String body = text.substring(colon + 1).trim();
        Expect expect = Expect.OK;
        int arrow = body.indexOf("->");
        if (arrow >= 0) {
            expect = expect(n, body.substring(arrow + 2).trim());
            body = body.substring(0, arrow).trim();
        }
        List<String> w = new ArrayList<String>(words(body));
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
        for (int i = w.size() - 1; i >= 0; i--) {
            if (w.get(i).startsWith("timeout=")) {
                timeout = number(source, n, "timeout", w.remove(i).substring(8), 1, 60000);
            }
        }
        if (w.isEmpty()) {
            throw error(n, "verb", "missing after '" + role.word() + ":'");
        }
        Verb verb = Verbs.of(w.get(0));
        if (verb == null) {
            throw error(n, "verb", "unknown verb '" + w.get(0) + "'; known: " + Verbs.words());
        }
        Set<String> sockets = role == Role.TARGET ? d.targetSockets : d.peerSockets;
        VerbArgs args = new VerbArgs(source, n, role, w.subList(1, w.size()), sockets);
        return new StepLine(n, text, role, probe, verb, expect, timeout, verb.parse(args));
    }

    private Expect expect(int n, String word) {
        boolean hint = word.endsWith("?");
        String outcome = hint ? word.substring(0, word.length() - 1) : word;
        if (!Expect.WORDS.contains(outcome)) {
            throw error(n, "expect", "'" + outcome + "' is not one of " + Expect.WORDS);
        }
        return outcome.equals("any") ? Expect.ANY : new Expect(outcome, !hint);
    }

    private void finish() {
        if (draft == null) {
            return;
        }
        Draft d = draft;
        draft = null;
        if (d.states == null) {
            throw error(d.line, "state", "scenario '" + d.id + "' has no 'state' line (use 'state none' for an empty port)");
        }
        boolean probe = false;
        for (StepLine s : d.steps) {
            probe |= s.probe();
        }
        if (!probe) {
            throw error(d.line, "probe", "scenario '" + d.id + "' has no 'target: probe ...' line");
        }
        done.add(new Scenario(d.id, d.title == null ? "" : d.title, d.states, d.allStates, d.control,
                Collections.unmodifiableSet(d.options), d.filter, Collections.unmodifiableMap(d.dims),
                Collections.unmodifiableList(d.steps), source + ":" + d.line));
    }

    private static List<String> words(String s) {
        String t = s.trim();
        return t.isEmpty() ? Collections.<String>emptyList() : Arrays.asList(split(t, 0));
    }

    /**
     * A trimmed line's words, split at runs of white space, the last of at most limit words (0: no limit) holding the
     * rest: what split("\\s+", limit) gives, by hand, since the full catalog is some 700,000 lines.
     */
    static String[] split(String t, int limit) {
        List<String> out = new ArrayList<String>();
        int i = 0;
        int n = t.length();
        while (i < n) {
            if (limit > 0 && out.size() == limit - 1) {
                out.add(t.substring(i));
                break;
            }
            int j = i;
            while (j < n && !Character.isWhitespace(t.charAt(j))) {
                j++;
            }
            out.add(t.substring(i, j));
            while (j < n && Character.isWhitespace(t.charAt(j))) {
                j++;
            }
            i = j;
        }
        return out.toArray(new String[0]);
    }

    static SockOption option(String source, int n, String field, String word) {
        for (SockOption o : SockOption.values()) {
            if (o != SockOption.SOCK_OPTION_UNSPECIFIED && o != SockOption.UNRECOGNIZED && o.name().equals(word)) {
                return o;
            }
        }
        throw new BadInput(source, n, field, "'" + word + "' is not an option: REUSEADDR EXCLUSIVEADDRUSE REUSEPORT LINGER V6ONLY");
    }

    /** "LISTEN", "none", alternatives "none|ESTABLISHED", or states that must all be there "LISTEN+ESTABLISHED". */
    private List<TcpState> states(int n, String rest, boolean all) {
        if (all && rest.indexOf('|') >= 0) {
            throw error(n, "state", "'" + rest + "' mixes '|' (any one of) and '+' (all of); use one");
        }
        List<TcpState> out = new ArrayList<TcpState>();
        for (String w : rest.split(all ? "\\+" : "\\|", -1)) {
            TcpState s = state(source, n, "state", w.trim(), !all);
            if (out.contains(s)) {
                throw error(n, "state", "'" + w.trim() + "' is listed twice");
            }
            out.add(s);
        }
        return Collections.unmodifiableList(out);
    }

    static TcpState state(String source, int n, String field, String word, boolean allowNone) {
        if (allowNone && word.equals("none")) {
            return TcpState.TCP_STATE_UNSPECIFIED;
        }
        for (TcpState s : TcpState.values()) {
            if (s != TcpState.TCP_STATE_UNSPECIFIED && s != TcpState.UNRECOGNIZED && s.name().equals(word)) {
                return s;
            }
        }
        throw new BadInput(source, n, field, "'" + word + "' is not a TCP state (LISTEN, ESTABLISHED, FIN_WAIT_2, "
                + "TIME_WAIT, ...)" + (allowNone ? " or 'none'" : ""));
    }

    static int number(String source, int n, String field, String word, int min, int max) {
        if (word.length() <= 10 && word.matches("[0-9]+")) {
            long v = Long.parseLong(word);
            if (v >= min && v <= max) {
                return (int) v;
            }
        }
        throw new BadInput(source, n, field, "'" + word + "' is not a whole number in " + min + "-" + max);
    }

    private BadInput error(int line, String field, String problem) {
        return new BadInput(source, line, field, problem);
    }

    /** A scenario being read. */
    private static final class Draft {
        final String id;
        final int line;
        String title;
        List<TcpState> states;
        boolean allStates;
        String control;
        boolean filter;
        final Set<SockOption> options = EnumSet.noneOf(SockOption.class);
        final Map<String, String> dims = new LinkedHashMap<String, String>();
        final List<StepLine> steps = new ArrayList<StepLine>();
        final Set<String> targetSockets = new HashSet<String>();
        final Set<String> peerSockets = new HashSet<String>();

        Draft(String id, int line) {
            this.id = id;
            this.line = line;
        }
    }
}
