// Loads claims files (YAML): the built-in one of published claims and any the user adds. Every error names the
// file, the line and the field.
package bindlab.coordinator.answers;

import bindlab.coordinator.yaml.YamlDoc;
import bindlab.engine.BadInput;
import bindlab.engine.Outcomes;
import bindlab.engine.scenario.Glob;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The format, one entry per claim:
 * <pre>
 * claims:
 *   - id: msdn-2003-same-user
 *     title: ...
 *     source: ...            # citation: document, revision, table
 *     os_family: windows     # or linux
 *     min_version: "5.2"     # optional, inclusive
 *     max_version: ""        # optional, inclusive
 *     note: ...              # optional
 *     expect:                # scenario id or glob: [call:]outcome (OK, EADDRINUSE, EACCES, EINVAL, OTHER_ERROR,
 *                            # ERROR, A|B); call: bind (the default), listen, setsockopt, or probe (whichever failed)
 *       "bound/none>none/wild>wild/v4": EADDRINUSE
 *       "listen/none>none/wild>wild/v4": probe:ERROR
 * </pre>
 */
public final class ClaimsFile {
    public static final String BUILT_IN = "claims/published.yaml";
    /** A measurement's label, or ERROR for any error (the source says "fails" without a code). */
    static final List<String> OUTCOMES = concat(Outcomes.RESULTS, List.of("ERROR"));
    /** The probe calls an expectation may be about; bind unless it says otherwise. */
    static final List<String> CALLS = concat(Outcomes.PROBE_CALLS, List.of(CellUse.PROBE));
    static final String DEFAULT_CALL = "bind";
    static final List<String> FIELDS = List.of("id", "title", "source", "os_family", "min_version", "max_version",
            "note", "expect");

    private ClaimsFile() {
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    /** The claims shipped in the jar, parsed once per process (a demo's report and its printed verdicts share them). */
    public static List<Claim> builtIn() {
        return BuiltIn.CLAIMS;
    }

    private static final class BuiltIn { // loaded on first use: commands without claims never parse the file
        static final List<Claim> CLAIMS = List.copyOf(load());
    }

    private static List<Claim> load() {
        try (InputStream in = ClaimsFile.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("built-in claims file missing from the jar: " + BUILT_IN);
            }
            return parse("builtin:" + BUILT_IN, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in claims: " + e.getMessage(), e);
        }
    }

    public static List<Claim> read(Path path) {
        return parse(YamlDoc.read(path));
    }

    public static List<Claim> parse(String name, String text) {
        return parse(YamlDoc.parse(name, text));
    }

    private static List<Claim> parse(YamlDoc f) {
        Node root = f.root();
        if (root == null) {
            throw BadInput.of(f.name(), "the claims file is empty (want 'claims:' and a list)");
        }
        Map<String, Node> top = f.mapping(root, "the claims file");
        if (!top.containsKey("claims") || top.size() != 1) {
            throw f.error(root, "claims", "the claims file must have exactly one key, 'claims', holding a list of claims");
        }
        List<Claim> out = new ArrayList<>();
        for (Node n : f.sequence(top.get("claims"), "'claims'")) {
            out.add(claim(f, n));
        }
        return out;
    }

    private static Claim claim(YamlDoc f, Node n) {
        Map<String, Node> m = f.mapping(n, "a claim");
        String id = f.required(m, n, "id", "a claim");
        String what = "claim '" + id + "'";
        for (String key : m.keySet()) {
            if (!FIELDS.contains(key)) {
                throw f.error(f.keys(n).get(key), key, what + ": unknown field (fields: " + FIELDS + ")");
            }
        }
        String family = f.required(m, n, "os_family", what);
        if (!family.equals("windows") && !family.equals("linux")) {
            throw f.error(m.get("os_family"), "os_family", what + ": must be windows or linux, got '" + family + "'");
        }
        String min = version(f, m, "min_version", what);
        String max = version(f, m, "max_version", what);
        Node expectNode = m.get("expect");
        if (expectNode == null) {
            throw f.error(n, "expect", what + ": missing");
        }
        List<Claim.Expectation> expectations = new ArrayList<>();
        Map<String, Node> keys = f.keys(expectNode);
        f.mapping(expectNode, what + " field 'expect'").forEach((scenario, value) ->
                expectations.add(expectation(f, what, scenario, keys.get(scenario), value)));
        if (expectations.isEmpty()) {
            throw f.error(expectNode, "expect", what + ": has no entries");
        }
        return new Claim(id, f.required(m, n, "title", what), f.required(m, n, "source", what), family, min, max,
                f.optional(m, "note"), List.copyOf(expectations), f.name() + ":" + YamlDoc.line(n));
    }

    private static String version(YamlDoc f, Map<String, Node> m, String field, String what) {
        String v = f.optional(m, field);
        if (!v.isEmpty() && !v.matches("\\d{1,9}(\\.\\d{1,9}){0,3}")) {
            throw f.error(m.get(field), field, what + ": must be numbers and dots (\"6.1\", \"10.0.19045\"), got '"
                    + v + "'");
        }
        return v;
    }

    private static Claim.Expectation expectation(YamlDoc f, String what, String scenario, Node key, Node value) {
        String where = what + ", scenario '" + scenario + "'";
        Glob.of(scenario, f.name() + ":" + YamlDoc.line(key) + ": expect");
        String text = f.scalar(value, "expect");
        String call = DEFAULT_CALL;
        String rest = text.strip();
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            call = rest.substring(0, colon).strip();
            rest = rest.substring(colon + 1);
            if (!CALLS.contains(call)) {
                throw f.error(value, "expect", where + ": the call before ':' must be one of " + CALLS + ", got '"
                        + text + "'");
            }
        }
        List<String> outcomes = List.of(rest.strip().split("\\s*\\|\\s*"));
        for (String o : outcomes) {
            if (!OUTCOMES.contains(o)) {
                throw f.error(value, "expect", where + ": outcome must be one of " + OUTCOMES + " (or A|B), after an"
                        + " optional call (" + String.join(":, ", CALLS) + ":), got '" + text + "'");
            }
        }
        return new Claim.Expectation(scenario, call, outcomes, f.name() + ":" + YamlDoc.line(key));
    }

    /** Claims from several files; an id defined twice is an error naming both places. */
    public static List<Claim> merge(List<List<Claim>> files) {
        Map<String, Claim> byId = new LinkedHashMap<>();
        for (List<Claim> file : files) {
            for (Claim c : file) {
                Claim before = byId.putIfAbsent(c.id(), c);
                if (before != null) {
                    String[] at = c.origin().split(":(?=[0-9]+$)");
                    throw new BadInput(at[0], at.length > 1 ? Integer.parseInt(at[1]) : 0, "id", "claim '" + c.id()
                            + "' is already defined at " + before.origin());
                }
            }
        }
        return List.copyOf(byId.values());
    }

    /** Warnings for expectations that match no built-in scenario (a typo, or a scenario only a user file defines). */
    public static List<String> unmatched(List<Claim> claims) {
        List<String> out = new ArrayList<>();
        for (Claim c : claims) {
            for (Claim.Expectation e : c.expectations()) {
                Glob g = e.glob();
                if (ScenarioDims.catalogIds().stream().noneMatch(g::matches)) {
                    out.add(e.origin() + ": claim '" + c.id() + "': '" + e.scenario()
                            + "' matches no scenario in the built-in catalog");
                }
            }
        }
        return out;
    }
}
