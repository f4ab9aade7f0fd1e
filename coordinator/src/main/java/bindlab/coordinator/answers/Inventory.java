// The hosts of an Ansible-style YAML inventory that say which Windows build they run (var bindlab_build, optional
// bindlab_ubr), so bisect can tell which untested releases the fleet already has.
package bindlab.coordinator.answers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Groups nest as Ansible's do: each group may have hosts (name -> vars or empty), children (name -> group) and vars;
 * group vars apply to the group's hosts and its children's, and a host's own vars win. Hosts without bindlab_build
 * (Linux, say) are kept with build 0.
 */
public final class Inventory {
    public static final String BUILD_VAR = "bindlab_build";
    public static final String UBR_VAR = "bindlab_ubr";

    /** ubr: -1 when not given. */
    public record Host(String name, int build, int ubr) {
    }

    private final YamlFile file;
    private final Map<String, Host> hosts = new LinkedHashMap<>();

    private Inventory(YamlFile file) {
        this.file = file;
    }

    public static Map<String, Host> read(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("inventory not found: " + path);
        }
        return parse(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
    }

    public static Map<String, Host> parse(String name, String text) {
        Node root = YamlFile.compose(name, text);
        if (root == null) {
            throw new IllegalArgumentException(name + ": the inventory is empty");
        }
        Inventory inv = new Inventory(YamlFile.named(name));
        inv.file.mapping(root, "the inventory").forEach((group, node) -> inv.group(group, node, Map.of()));
        return inv.hosts;
    }

    private void group(String name, Node node, Map<String, Node> inherited) {
        if (isNull(node)) {
            return;
        }
        Map<String, Node> g = file.mapping(node, "group '" + name + "'");
        for (String key : g.keySet()) {
            if (!List.of("hosts", "children", "vars").contains(key)) {
                throw file.error(file.keys(node).get(key), "group '" + name + "': unknown key '" + key
                        + "' (a group has hosts, children and vars)");
            }
        }
        Map<String, Node> vars = new LinkedHashMap<>(inherited);
        if (g.containsKey("vars") && !isNull(g.get("vars"))) {
            vars.putAll(file.mapping(g.get("vars"), "vars of group '" + name + "'"));
        }
        if (g.containsKey("hosts") && !isNull(g.get("hosts"))) {
            file.mapping(g.get("hosts"), "hosts of group '" + name + "'").forEach((host, hv) -> {
                Map<String, Node> all = new LinkedHashMap<>(vars);
                if (!isNull(hv)) {
                    all.putAll(file.mapping(hv, "vars of host '" + host + "'"));
                }
                Host h = new Host(host, number(all.get(BUILD_VAR), host, BUILD_VAR), all.containsKey(UBR_VAR)
                        ? number(all.get(UBR_VAR), host, UBR_VAR) : -1);
                Host before = hosts.get(host);
                if (before == null || before.build() == 0) {
                    hosts.put(host, h);
                }
            });
        }
        if (g.containsKey("children") && !isNull(g.get("children"))) {
            file.mapping(g.get("children"), "children of group '" + name + "'")
                    .forEach((child, cn) -> group(child, cn, vars));
        }
    }

    /** A build number; "10.0.19045" is read as its build. Missing: 0. */
    private int number(Node n, String host, String var) {
        if (n == null) {
            return 0;
        }
        String v = file.scalar(n, "host '" + host + "' " + var).strip();
        String digits = var.equals(BUILD_VAR) && v.matches("\\d+\\.\\d+\\.\\d+") ? v.substring(v.lastIndexOf('.') + 1) : v;
        if (!digits.matches("\\d{1,9}")) {
            throw file.error(n, "host '" + host + "': " + var + " must be a number (e.g. 19045), got '" + v + "'");
        }
        return Integer.parseInt(digits);
    }

    private static boolean isNull(Node n) {
        return n == null || n.getTag().getValue().endsWith(":null");
    }
}
