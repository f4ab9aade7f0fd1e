// Reads an Ansible YAML inventory (the file users deploy with): groups with hosts, children and vars; host vars
// bindlab_role (target|peer) and bindlab_peer. Validates everything before anything runs, naming file:line:field.
package bindlab.coordinator.fleet;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

public final class InventoryParser {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final String file;
    /** host -> (var -> value), in the order hosts first appear; group vars below, host vars on top. */
    private final Map<String, Map<String, String>> vars = new LinkedHashMap<>();
    private final Map<String, Integer> lines = new LinkedHashMap<>();

    private InventoryParser(String file) {
        this.file = file;
    }

    public static Inventory read(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("inventory not found: " + path);
        }
        return parse(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
    }

    public static Inventory parse(String file, String text) {
        InventoryParser p = new InventoryParser(file);
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
            throw new InventoryException(file, line, "yaml", e.getProblem());
        }
        if (!(root instanceof MappingNode top)) {
            throw new InventoryException(file, root == null ? 1 : line(root), "inventory",
                    "must be a YAML mapping of groups (e.g. 'all:')");
        }
        for (NodeTuple t : top.getValue()) {
            p.group(key(t), t.getValueNode(), Map.of());
        }
        return p.validate();
    }

    /** A group: hosts (name -> vars), children (name -> group), vars; vars flow down to hosts and children. */
    private void group(String name, Node node, Map<String, String> inherited) {
        if (isNull(node)) {
            return;
        }
        MappingNode g = mapping(node, "group '" + name + "'");
        Map<String, String> groupVars = new LinkedHashMap<>(inherited);
        for (NodeTuple t : g.getValue()) {
            if (key(t).equals("vars")) {
                groupVars.putAll(scalars(t.getValueNode(), "vars of group '" + name + "'"));
            }
        }
        for (NodeTuple t : g.getValue()) {
            switch (key(t)) {
                case "vars" -> { }
                case "hosts" -> hosts(t.getValueNode(), groupVars, name);
                case "children" -> {
                    if (!isNull(t.getValueNode())) {
                        for (NodeTuple c : mapping(t.getValueNode(), "children of '" + name + "'").getValue()) {
                            group(key(c), c.getValueNode(), groupVars);
                        }
                    }
                }
                default -> throw new InventoryException(file, line(t.getKeyNode()), key(t),
                        "unknown key in group '" + name + "' (expected hosts, children or vars)");
            }
        }
    }

    private void hosts(Node node, Map<String, String> groupVars, String group) {
        if (isNull(node)) {
            return;
        }
        for (NodeTuple h : mapping(node, "hosts of group '" + group + "'").getValue()) {
            String host = key(h);
            if (!NAME.matcher(host).matches()) {
                throw new InventoryException(file, line(h.getKeyNode()), "host", "'" + host
                        + "' is not a valid agent name (letters, digits, _ . -)");
            }
            Map<String, String> merged = vars.computeIfAbsent(host, k -> new LinkedHashMap<>());
            lines.putIfAbsent(host, line(h.getKeyNode()));
            groupVars.forEach(merged::putIfAbsent);
            if (!isNull(h.getValueNode())) {
                Map<String, String> own = scalars(h.getValueNode(), "vars of host '" + host + "'");
                merged.putAll(own);
                for (NodeTuple v : ((MappingNode) h.getValueNode()).getValue()) {
                    lines.put(host + "." + key(v), line(v.getKeyNode()));
                }
            }
        }
    }

    private Inventory validate() {
        if (vars.isEmpty()) {
            throw new InventoryException(file, 1, "hosts", "the inventory has no hosts");
        }
        List<String> peers = new ArrayList<>();
        for (var e : vars.entrySet()) {
            String role = e.getValue().get("bindlab_role");
            if (role == null) {
                throw new InventoryException(file, lines.get(e.getKey()), "bindlab_role",
                        "host '" + e.getKey() + "' has none (set target or peer)");
            }
            if (!role.equals(FleetHost.TARGET) && !role.equals(FleetHost.PEER)) {
                throw new InventoryException(file, varLine(e.getKey(), "bindlab_role"), "bindlab_role",
                        "'" + role + "' is not target or peer (host '" + e.getKey() + "')");
            }
            if (role.equals(FleetHost.PEER)) {
                peers.add(e.getKey());
            }
        }
        List<FleetHost> hosts = new ArrayList<>();
        for (var e : vars.entrySet()) {
            String host = e.getKey();
            String role = e.getValue().get("bindlab_role");
            String peer = role.equals(FleetHost.TARGET) ? peerOf(host, e.getValue(), peers) : null;
            Map<String, Integer> varLines = new LinkedHashMap<>();
            lines.forEach((k, line) -> {
                if (k.startsWith(host + ".")) {
                    varLines.put(k.substring(host.length() + 1), line);
                }
            });
            hosts.add(new FleetHost(host, role, peer, Map.copyOf(e.getValue()), lines.get(host), Map.copyOf(varLines)));
        }
        if (hosts.stream().noneMatch(FleetHost::isTarget)) {
            throw new InventoryException(file, 1, "bindlab_role", "no host has bindlab_role: target");
        }
        return new Inventory(file, List.copyOf(hosts));
    }

    private String peerOf(String host, Map<String, String> v, List<String> peers) {
        String peer = v.get("bindlab_peer");
        if (peer == null) {
            if (peers.size() == 1) {
                return peers.get(0);
            }
            throw new InventoryException(file, lines.get(host), "bindlab_peer", "target '" + host + "' names no peer and the"
                    + " inventory has " + peers.size() + " peers " + peers + ": set bindlab_peer");
        }
        if (!vars.containsKey(peer)) {
            throw new InventoryException(file, varLine(host, "bindlab_peer"), "bindlab_peer",
                    "'" + peer + "' (peer of '" + host + "') is not a host of this inventory");
        }
        if (!peers.contains(peer)) {
            throw new InventoryException(file, varLine(host, "bindlab_peer"), "bindlab_peer",
                    "'" + peer + "' (peer of '" + host + "') does not have bindlab_role: peer");
        }
        return peer;
    }

    private int varLine(String host, String var) {
        return lines.getOrDefault(host + "." + var, lines.get(host));
    }

    private Map<String, String> scalars(Node node, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        for (NodeTuple t : mapping(node, what).getValue()) {
            Node v = t.getValueNode();
            if (v instanceof ScalarNode s) {
                out.put(key(t), s.getValue());
            } else {
                out.put(key(t), ""); // lists and maps (Ansible allows them) carry nothing bindlab reads
            }
        }
        return out;
    }

    private MappingNode mapping(Node node, String what) {
        if (node instanceof MappingNode m) {
            return m;
        }
        throw new InventoryException(file, line(node), what, "must be a mapping (key: value lines)");
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && (s.getValue().isEmpty() || s.getValue().equals("null") || s.getValue().equals("~"));
    }

    private static String key(NodeTuple t) {
        return t.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(t.getKeyNode());
    }

    private static int line(Node n) {
        return n.getStartMark() == null ? 1 : n.getStartMark().getLine() + 1;
    }
}
