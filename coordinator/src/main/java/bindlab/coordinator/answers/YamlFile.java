// Reads a YAML file as a node tree so every error can name its file and line; the small accessors below check
// shapes (mapping, sequence, scalar) and say which field was wrong.
package bindlab.coordinator.answers;

import java.util.LinkedHashMap;
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

final class YamlFile {
    final String name;

    private YamlFile(String name) {
        this.name = name;
    }

    /** The document's root node (null for an empty file). Syntax errors name file:line:column. */
    static Node compose(String name, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            return new Yaml(options).compose(new java.io.StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = m == null ? name : name + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
            throw new IllegalArgumentException(where + ": not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new IllegalArgumentException(name + ": not valid YAML: " + e.getMessage());
        }
    }

    static YamlFile named(String name) {
        return new YamlFile(name);
    }

    int line(Node n) {
        return n.getStartMark().getLine() + 1;
    }

    IllegalArgumentException error(Node n, String message) {
        return new IllegalArgumentException(name + ":" + line(n) + ": " + message);
    }

    /** The entries of a mapping node, keys as text, in file order; duplicate keys are an error. */
    Map<String, Node> mapping(Node n, String what) {
        if (!(n instanceof MappingNode m)) {
            throw error(n, what + " must be a mapping (key: value lines)");
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String key = scalar(t.getKeyNode(), "a key in " + what);
            if (out.put(key, t.getValueNode()) != null) {
                throw error(t.getKeyNode(), what + ": key '" + key + "' appears twice");
            }
        }
        return out;
    }

    /** Key nodes of a mapping, for error lines that should point at the key. */
    Map<String, Node> keys(Node n) {
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

    java.util.List<Node> sequence(Node n, String what) {
        if (!(n instanceof SequenceNode s)) {
            throw error(n, what + " must be a list ('- ' items)");
        }
        return s.getValue();
    }

    String scalar(Node n, String what) {
        if (!(n instanceof ScalarNode s)) {
            throw error(n, what + " must be a single value, not a list or mapping");
        }
        return s.getValue();
    }

    /** A required, non-empty text field of a mapping. */
    String required(Map<String, Node> m, Node owner, String field, String what) {
        Node n = m.get(field);
        if (n == null) {
            throw error(owner, what + ": missing field '" + field + "'");
        }
        String v = scalar(n, what + " field '" + field + "'").strip();
        if (v.isEmpty()) {
            throw error(n, what + ": field '" + field + "' is empty");
        }
        return v;
    }

    String optional(Map<String, Node> m, String field, String what) {
        Node n = m.get(field);
        return n == null ? "" : scalar(n, what + " field '" + field + "'").strip();
    }
}
