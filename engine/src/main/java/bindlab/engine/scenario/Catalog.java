// The built-in scenarios, generated as script text from their dimensions and parsed like any user file, so the
// built-in catalog and user files share one format. Parsed once per process.
package bindlab.engine.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class Catalog {
    /** Options for the seed experiment's both-sockets-same-option cases; "none" sets nothing. */
    public static final List<String> SEED_OPTIONS =
            Collections.unmodifiableList(Arrays.asList("none", "REUSEADDR", "REUSEPORT", "EXCLUSIVEADDRUSE"));

    private static volatile List<Scenario> builtIn;
    private static volatile Map<String, Scenario> byId;

    private Catalog() {
    }

    /** Controls first, then the seed experiment, then the generated catalog. */
    public static List<Scenario> builtIn() {
        List<Scenario> b = builtIn;
        if (b == null) {
            List<Scenario> generated = ScenarioParser.parse("builtin:catalog", CatalogGenerator.text());
            List<Scenario> out = new ArrayList<Scenario>();
            for (Scenario s : generated) {
                if (s.isControl()) {
                    out.add(s);
                }
            }
            out.addAll(seed());
            for (Scenario s : generated) {
                if (!s.isControl()) {
                    out.add(s);
                }
            }
            b = Collections.unmodifiableList(out);
            builtIn = b;
        }
        return b;
    }

    /** The built-in catalog by id, in catalog order. */
    public static Map<String, Scenario> byId() {
        Map<String, Scenario> m = byId;
        if (m == null) {
            m = new LinkedHashMap<String, Scenario>();
            for (Scenario s : builtIn()) {
                m.put(s.id(), s);
            }
            m = Collections.unmodifiableMap(m);
            byId = m;
        }
        return m;
    }

    /** The controls: every campaign runs them first on every target; a host that fails one is untrusted. */
    public static List<Scenario> controls() {
        List<Scenario> out = new ArrayList<Scenario>();
        for (Scenario s : builtIn()) {
            if (s.isControl()) {
                out.add(s);
            }
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

    /** Only the seed experiment's scenarios. */
    public static List<Scenario> seed() {
        return ScenarioParser.parse("builtin:seed", seedText());
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
        out.append("dim first=").append(opt).append(" second=").append(opt).append(" lingering=").append(lingering)
                .append(" family=v4 first_addr=wildcard second_addr=wildcard\n");
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
