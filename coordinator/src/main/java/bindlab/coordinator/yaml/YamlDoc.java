// Reads a YAML file (an inventory, a claims file) as a node tree, within the documented limits (size, line length,
// nesting, aliases; no duplicate keys), so every error is BadInput naming its file, line and field.
package bindlab.coordinator.yaml;

import bindlab.engine.BadInput;
import bindlab.engine.InputLimits;
import bindlab.engine.TextFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

public final class YamlDoc {
    private final String name;
    private final Node root;

    private YamlDoc(String name, Node root) {
        this.name = name;
        this.root = root;
    }

    /** Reads and composes a file; BadInput when it is missing, too big, not UTF-8, or not valid YAML. */
    public static YamlDoc read(Path file) {
        return parse(file.toString(), TextFile.read(file, InputLimits.YAML_FILE_BYTES));
    }

    /** Composes text already read; name names it in errors. */
    public static YamlDoc parse(String name, String text) {
        if (text.length() > InputLimits.YAML_FILE_BYTES) {
            throw BadInput.of(name, "is " + text.length() + " characters; the limit is " + InputLimits.YAML_FILE_BYTES);
        }
        if (text.indexOf('\0') >= 0) {
            throw BadInput.of(name, "holds a NUL character: not a text file");
        }
        InputLimits.checkLineLength(name, text, InputLimits.YAML_LINE_CHARS);
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(InputLimits.YAML_ALIASES);
        options.setNestingDepthLimit(InputLimits.YAML_NESTING);
        options.setCodePointLimit((int) InputLimits.YAML_FILE_BYTES);
        try {
            return new YamlDoc(name, new Yaml(options).compose(new java.io.StringReader(text)));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new BadInput(name, m == null ? 0 : m.getLine() + 1, "yaml", "not valid YAML: " + e.getProblem()
                    + (m == null ? "" : " (column " + (m.getColumn() + 1) + ")"));
        } catch (YAMLException e) {
            throw BadInput.of(name, "not valid YAML: " + e.getMessage());
        } catch (StackOverflowError e) {
            throw BadInput.of(name, "nested too deeply (the limit is " + InputLimits.YAML_NESTING + " levels)");
        }
    }

    public String name() {
        return name;
    }

    /** The document's root node; null for an empty file. */
    public Node root() {
        return root;
    }

    public static int line(Node n) {
        return n == null || n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }

    public BadInput error(Node n, String field, String problem) {
        return new BadInput(name, line(n), field, problem);
    }

    /** The entries of a mapping node, keys as text, in file order. */
    public Map<String, Node> mapping(Node n, String what) {
        if (!(n instanceof MappingNode m)) {
            throw error(n, what, "must be a mapping (key: value lines)");
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String key = scalar(t.getKeyNode(), "a key in " + what);
            if (out.put(key, t.getValueNode()) != null) {
                throw error(t.getKeyNode(), key, "appears twice in " + what);
            }
        }
        return out;
    }

    /** Key nodes of a mapping, for error lines that should point at the key. */
    public Map<String, Node> keys(Node n) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (n instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    out.put(k.getValue(), k);
                }
            }
        }
        return out;
    }

    public List<Node> sequence(Node n, String what) {
        if (!(n instanceof SequenceNode s)) {
            throw error(n, what, "must be a list ('- ' items)");
        }
        return s.getValue();
    }

    public String scalar(Node n, String what) {
        if (!(n instanceof ScalarNode s)) {
            throw error(n, what, "must be a single value, not a list or mapping");
        }
        return s.getValue();
    }

    /** Whether the node is YAML's null (empty, null or ~). */
    public static boolean isNull(Node node) {
        return node == null || node instanceof ScalarNode s
                && (s.getValue().isEmpty() || s.getValue().equals("null") || s.getValue().equals("~"));
    }

    /** A required, non-empty text field of a mapping. */
    public String required(Map<String, Node> m, Node owner, String field, String what) {
        Node n = m.get(field);
        if (n == null) {
            throw error(owner, field, what + ": missing");
        }
        String v = scalar(n, field).strip();
        if (v.isEmpty()) {
            throw error(n, field, what + ": empty");
        }
        return v;
    }

    public String optional(Map<String, Node> m, String field) {
        Node n = m.get(field);
        return n == null ? "" : scalar(n, field).strip();
    }
}
