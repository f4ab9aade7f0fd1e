// The built-in scenarios, generated as script text from their dimensions and parsed like any user file, so the
// built-in catalog and user files share one format. A scenario is parsed when first asked for, once per process.
package bindlab.engine.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

public final class Catalog {
    /** The catalog a run takes unless told otherwise: the slices that answer the most per cell. */
    public static final String DEFAULT = "default";
    /** Every dimension crossed with every other (CatalogGenerator says what that is). */
    public static final String FULL = "full";
    /** The named catalogs, smallest first; each holds the one before it. */
    public static final List<String> NAMES = Collections.unmodifiableList(Arrays.asList(DEFAULT, FULL));
    /** Options for the seed experiment's both-sockets-same-option cases; "none" sets nothing. */
    public static final List<String> SEED_OPTIONS =
            Collections.unmodifiableList(Arrays.asList("none", "REUSEADDR", "REUSEPORT", "EXCLUSIVEADDRUSE"));

    private static final String SOURCE = "builtin:catalog";
    private static Generated defaultText;
    private static Generated fullText;
    private static List<Scenario> seed;
    /** Every scenario parsed so far, by id, from whichever text held it: one object per id for the process. */
    private static final Map<String, Scenario> parsed = new HashMap<String, Scenario>();

    private Catalog() {
    }

    /** The default catalog. */
    public static List<Scenario> builtIn() {
        return builtIn(DEFAULT);
    }

    /**
     * A named catalog (see NAMES), every scenario parsed: controls first, then the seed experiment, then the
     * generated scenarios. A command that runs a few of them asks ids() and find() instead.
     */
    public static List<Scenario> builtIn(String name) {
        List<Scenario> out = new ArrayList<Scenario>();
        for (String id : ids(name)) {
            out.add(find(id));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * A named catalog's ids in catalog order, without parsing a script: the default catalog's text is generated
     * alone (a solo run on a small VM never holds the full one's 28,000 others), the full one's when asked for.
     */
    public static synchronized List<String> ids(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("no catalog '" + name + "'; catalogs: " + NAMES);
        }
        return text(name.equals(FULL)).ids;
    }

    /**
     * A built-in scenario by id, parsed on first use (its block of the generated text alone), or null when no
     * catalog has it. Looks in the default catalog first, so the full text is generated only for ids outside it.
     */
    public static synchronized Scenario find(String id) {
        Scenario s = parsed.get(id);
        if (s != null) {
            return s;
        }
        for (Scenario x : seed()) {
            if (x.id().equals(id)) {
                return x;
            }
        }
        Generated g = text(false);
        CatalogGenerator.Block b = g.blocks.get(id);
        if (b == null && mightBeFull(id)) {
            g = text(true);
            b = g.blocks.get(id);
        }
        if (b == null) {
            return null;
        }
        List<Scenario> one = ScenarioParser.parse(SOURCE, g.text.substring(b.start, b.end), b.line);
        if (one.size() != 1 || !one.get(0).id().equals(id)) {
            throw new IllegalStateException("catalog block of " + id + " parsed as " + one.size() + " scenario(s)");
        }
        parsed.put(id, one.get(0));
        return one.get(0);
    }

    /**
     * The catalog positions of those ids that are built in (the others are left out), comparable with each other.
     * The full catalog's ids are generated only when one of ids is outside the default catalog and could be in it.
     */
    public static synchronized Map<String, Integer> positions(Collection<String> ids) {
        Generated g = text(false);
        for (String id : ids) {
            if (!g.index.containsKey(id) && mightBeFull(id)) {
                g = text(true);
                break;
            }
        }
        Map<String, Integer> out = new HashMap<String, Integer>();
        for (String id : ids) {
            Integer at = g.index.get(id);
            if (at != null) {
                out.put(id, at);
            }
        }
        return out;
    }

    /**
     * Whether the full catalog could hold an id the default one lacks: only if it starts with one of the default
     * catalog's groups (each group of the full catalog has scenarios in the default one; CatalogTest checks).
     */
    private static boolean mightBeFull(String id) {
        int slash = id.indexOf('/');
        return text(false).groups.contains(slash < 0 ? id : id.substring(0, slash));
    }

    /** Where a built-in id is defined, for messages ("builtin:catalog:LINE"), or null when no catalog has it. */
    public static String source(String id) {
        Scenario s = find(id);
        return s == null ? null : s.source();
    }

    /** One catalog's generated text, its blocks by id, and its ids in catalog order (controls, seed, the rest). */
    private static final class Generated {
        final String text;
        final Map<String, CatalogGenerator.Block> blocks = new HashMap<String, CatalogGenerator.Block>();
        final List<String> ids;
        final Map<String, Integer> index = new HashMap<String, Integer>();
        /** The ids' first parts: "conn", "bound", "control", ... */
        final Set<String> groups = new HashSet<String>();

        Generated(CatalogGenerator.Generated g, List<Scenario> seed) {
            this.text = g.text;
            List<String> controls = new ArrayList<String>();
            List<String> rest = new ArrayList<String>();
            for (CatalogGenerator.Block b : g.blocks) {
                if (blocks.put(b.id, b) != null) {
                    throw new IllegalStateException("the catalog generator wrote " + b.id + " twice");
                }
                (b.control ? controls : rest).add(b.id);
            }
            List<String> all = new ArrayList<String>(controls);
            for (Scenario s : seed) {
                all.add(s.id());
            }
            all.addAll(rest);
            this.ids = Collections.unmodifiableList(all);
            for (String id : all) {
                index.put(id, index.size());
                groups.add(id.substring(0, id.indexOf('/')));
            }
        }
    }

    private static Generated text(boolean full) {
        if (full) {
            if (fullText == null) {
                fullText = new Generated(CatalogGenerator.generate(true), seed());
            }
            return fullText;
        }
        if (defaultText == null) {
            defaultText = new Generated(CatalogGenerator.generate(false), seed());
        }
        return defaultText;
    }

    /** The controls: every campaign runs them first on every target; a host that fails one is untrusted. */
    public static List<Scenario> controls() {
        List<Scenario> out = new ArrayList<Scenario>();
        for (String id : ids(DEFAULT)) {
            Scenario s = find(id);
            if (!s.isControl()) {
                break; // controls come first
            }
            out.add(s);
        }
        return out;
    }

    /**
     * The health check a campaign runs after a cell that gave no result: a connection from the peer reaches
     * ESTABLISHED on the target (seen in its table), in each family. Never journalled.
     */
    public static List<Scenario> health() {
        StringBuilder out = new StringBuilder();
        for (String[] f : new String[][] {{"v4", "inet", "target4"}, {"v6", "inet6", "target6"}}) {
            out.append("scenario health/connect-").append(f[0]).append('\n')
                    .append("title Health: the peer connects to the target and the target's table shows it.\n")
                    .append("state ESTABLISHED\n")
                    .append("target: socket L1 ").append(f[1]).append('\n')
                    .append("target: bind L1 ").append(f[2]).append(":$PORT\n")
                    .append("target: listen L1 8\n")
                    .append("peer: socket C ").append(f[1]).append('\n')
                    .append("peer: connect C ").append(f[2]).append(":$PORT timeout=2000\n")
                    .append("target: accept L1 A timeout=2000\n")
                    .append("target: wait-state $PORT ESTABLISHED timeout=2000\n")
                    .append("target: socket L2 ").append(f[1]).append('\n')
                    .append("target: probe bind L2 ").append(f[2]).append(":$PORT\n\n");
        }
        return ScenarioParser.parse("builtin:health", out.toString());
    }

    /** Only the seed experiment's scenarios (parsed once). */
    public static synchronized List<Scenario> seed() {
        if (seed == null) {
            seed = Collections.unmodifiableList(ScenarioParser.parse("builtin:seed", seedText()));
        }
        return seed;
    }

    /** The seed experiment (listener open, ESTABLISHED, TIME_WAIT) plus the FIN_WAIT_2 case it mislabelled. */
    public static String seedText() {
        StringBuilder out = new StringBuilder("# The seed experiment, for each option set on both sockets.\n");
        for (String opt : SEED_OPTIONS) {
            seed(out, "listening", opt, "LISTEN", "The first socket is still listening.", Collections.<String>emptyList());
            seed(out, "ESTABLISHED", opt, "ESTABLISHED",
                    "Listener closed; its accepted connection is ESTABLISHED, handle open.", established());
            List<String> finWait2 = new ArrayList<String>(established());
            finWait2.addAll(Arrays.asList("target: close A", "target: wait-state $PORT FIN_WAIT_2"));
            seed(out, "FIN_WAIT_2", opt, "FIN_WAIT_2",
                    "Listener closed; the target closed its accepted connection, the peer left its end open.", finWait2);
            List<String> timeWait = new ArrayList<String>(finWait2);
            timeWait.addAll(Arrays.asList("peer: close C", "target: wait-state $PORT TIME_WAIT"));
            seed(out, "TIME_WAIT", opt, "TIME_WAIT",
                    "Listener closed; the target closed its accepted connection first, then the peer closed.", timeWait);
        }
        return out.toString();
    }

    private static List<String> established() {
        return Arrays.asList(
                "peer: socket C inet",
                "peer: connect C target4:$PORT",
                "target: accept L1 A",
                "target: close L1",
                "target: wait-state $PORT ESTABLISHED");
    }

    private static void seed(StringBuilder out, String lingering, String opt, String state, String title,
            List<String> middle) {
        out.append("\nscenario seed/").append(lingering).append('/').append(opt).append('>').append(opt).append('\n');
        out.append("title ").append(title).append('\n');
        out.append("state ").append(state).append('\n');
        // the catalog's own vocabulary: its connections are accepted, the handle kept only while ESTABLISHED
        out.append("dim first=").append(opt).append(" second=").append(opt).append(lingering.equals("listening")
                ? " lingering=listening" : " lingering=connection state=" + lingering + " handle="
                + (lingering.equals("ESTABLISHED") ? "open" : "orphan") + " origin=accepted")
                .append(" family=v4 first_addr=wild second_addr=wild user=same\n");
        out.append("target: socket L1 inet\n");
        setOption(out, "L1", opt);
        out.append("target: bind L1 wildcard4:$PORT\n");
        out.append("target: listen L1 8\n");
        for (String l : middle) {
            out.append(l).append('\n');
        }
        out.append("target: socket L2 inet\n");
        setOption(out, "L2", opt);
        out.append("target: probe bind L2 wildcard4:$PORT\n");
        out.append("target: probe listen L2 8\n");
    }

    private static void setOption(StringBuilder out, String socket, String opt) {
        if (!opt.equals("none")) {
            out.append("target: setsockopt ").append(socket).append(' ').append(opt).append(" 1\n");
        }
    }
}
