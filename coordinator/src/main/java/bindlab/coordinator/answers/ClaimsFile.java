// Loads claims files (YAML): the built-in one of published claims and any the user adds. Every error names the
// file, the line and the field.
package bindlab.coordinator.answers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 *     expect:                # scenario id or glob: outcome (OK, EADDRINUSE, EACCES, EINVAL, OTHER_ERROR, ERROR, A|B)
 *       "bound/none>none/wild>wild/v4": EADDRINUSE
 * </pre>
 */
public final class ClaimsFile {
    public static final String BUILT_IN = "claims/published.yaml";
    static final List<String> OUTCOMES = List.of("OK", "EADDRINUSE", "EACCES", "EINVAL", "OTHER_ERROR", "ERROR");
    static final List<String> FIELDS = List.of("id", "title", "source", "os_family", "min_version", "max_version",
            "note", "expect");

    private ClaimsFile() {
    }

    /** The claims shipped with bindlab. */
    public static List<Claim> builtIn() {
        try (InputStream in = ClaimsFile.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("built-in claims file missing from the jar: " + BUILT_IN);
            }
            return parse("builtin:" + BUILT_IN, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in claims: " + e.getMessage(), e);
        }
    }

    public static List<Claim> read(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("claims file not found: " + path);
        }
        return parse(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
    }

    public static List<Claim> parse(String name, String text) {
        YamlFile f = YamlFile.named(name);
        Node root = YamlFile.compose(name, text);
        if (root == null) {
            throw new IllegalArgumentException(name + ": the claims file is empty (want 'claims:' and a list)");
        }
        Map<String, Node> top = f.mapping(root, "the claims file");
        if (!top.containsKey("claims") || top.size() != 1) {
            throw f.error(root, "the claims file must have exactly one key, 'claims', holding a list of claims");
        }
        List<Claim> out = new ArrayList<>();
        for (Node n : f.sequence(top.get("claims"), "'claims'")) {
            out.add(claim(f, n));
        }
        return out;
    }

    private static Claim claim(YamlFile f, Node n) {
        Map<String, Node> m = f.mapping(n, "a claim");
        String id = f.required(m, n, "id", "a claim");
        String what = "claim '" + id + "'";
        for (String key : m.keySet()) {
            if (!FIELDS.contains(key)) {
                throw f.error(f.keys(n).get(key), what + ": unknown field '" + key + "' (fields: " + FIELDS + ")");
            }
        }
        String family = f.required(m, n, "os_family", what);
        if (!family.equals("windows") && !family.equals("linux")) {
            throw f.error(m.get("os_family"), what + ": field 'os_family' must be windows or linux, got '" + family + "'");
        }
        String min = version(f, m, "min_version", what);
        String max = version(f, m, "max_version", what);
        Node expectNode = m.get("expect");
        if (expectNode == null) {
            throw f.error(n, what + ": missing field 'expect'");
        }
        List<Claim.Expectation> expectations = new ArrayList<>();
        Map<String, Node> keys = f.keys(expectNode);
        f.mapping(expectNode, what + " field 'expect'").forEach((scenario, value) ->
                expectations.add(expectation(f, what, scenario, keys.get(scenario), value)));
        if (expectations.isEmpty()) {
            throw f.error(expectNode, what + ": field 'expect' has no entries");
        }
        return new Claim(id, f.required(m, n, "title", what), f.required(m, n, "source", what), family, min, max,
                f.optional(m, "note", what), List.copyOf(expectations), f.name + ":" + f.line(n));
    }

    private static String version(YamlFile f, Map<String, Node> m, String field, String what) {
        String v = f.optional(m, field, what);
        if (!v.isEmpty() && !v.matches("\\d+(\\.\\d+)*")) {
            throw f.error(m.get(field), what + ": field '" + field + "' must be numbers and dots (\"6.1\", \"10.0.19045\"), got '"
                    + v + "'");
        }
        return v;
    }

    private static Claim.Expectation expectation(YamlFile f, String what, String scenario, Node key, Node value) {
        String where = what + " field 'expect', scenario '" + scenario + "'";
        try {
            Glob.of(scenario);
        } catch (IllegalArgumentException e) {
            throw f.error(key, where + ": " + e.getMessage());
        }
        String text = f.scalar(value, where);
        List<String> outcomes = List.of(text.strip().split("\\s*\\|\\s*"));
        for (String o : outcomes) {
            if (!OUTCOMES.contains(o)) {
                throw f.error(value, where + ": outcome must be one of " + OUTCOMES + " (or A|B), got '" + text + "'");
            }
        }
        return new Claim.Expectation(scenario, outcomes, f.name + ":" + f.line(key));
    }

    /** Claims from several files; an id defined twice is an error naming both places. */
    public static List<Claim> merge(List<List<Claim>> files) {
        Map<String, Claim> byId = new LinkedHashMap<>();
        for (List<Claim> file : files) {
            for (Claim c : file) {
                Claim before = byId.putIfAbsent(c.id(), c);
                if (before != null) {
                    throw new IllegalArgumentException(c.origin() + ": claim id '" + c.id() + "' is already defined at "
                            + before.origin());
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
