// Reads an Ansible YAML inventory (the file users deploy with): groups with hosts, children and vars; host vars
// bindlab_role (target|peer) and bindlab_peer. Validates everything before anything runs, naming file:line:field.
package bindlab.coordinator.fleet;

import com.google.common.net.InetAddresses;
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
import org.yaml.snakeyaml.nodes.SequenceNode;

public final class InventoryParser {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final String file;
    /** host -> (var -> value), in the order hosts first appear; group vars below, host vars on top. */
    private final Map<String, Map<String, String>> vars = new LinkedHashMap<>();
    private final Map<String, Integer> lines = new LinkedHashMap<>();
    /** host -> (var -> list), for the variables written as YAML lists of scalars. */
    private final Map<String, Map<String, List<String>>> lists = new LinkedHashMap<>();

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
            p.group(key(t), t.getValueNode(), Map.of(), Map.of());
        }
        return p.validate();
    }

    /** A group: hosts (name -> vars), children (name -> group), vars; vars flow down to hosts and children. */
    private void group(String name, Node node, Map<String, String> inherited, Map<String, List<String>> inheritedLists) {
        if (isNull(node)) {
            return;
        }
        MappingNode g = mapping(node, "group '" + name + "'");
        Map<String, String> groupVars = new LinkedHashMap<>(inherited);
        Map<String, List<String>> groupLists = new LinkedHashMap<>(inheritedLists);
        for (NodeTuple t : g.getValue()) {
            if (key(t).equals("vars")) {
                groupVars.putAll(scalars(t.getValueNode(), "vars of group '" + name + "'"));
                groupLists.putAll(listsOf(t.getValueNode()));
            }
        }
        for (NodeTuple t : g.getValue()) {
            switch (key(t)) {
                case "vars" -> { }
                case "hosts" -> hosts(t.getValueNode(), groupVars, groupLists, name);
                case "children" -> {
                    if (!isNull(t.getValueNode())) {
                        for (NodeTuple c : mapping(t.getValueNode(), "children of '" + name + "'").getValue()) {
                            group(key(c), c.getValueNode(), groupVars, groupLists);
                        }
                    }
                }
                default -> throw new InventoryException(file, line(t.getKeyNode()), key(t),
                        "unknown key in group '" + name + "' (expected hosts, children or vars)");
            }
        }
    }

    private void hosts(Node node, Map<String, String> groupVars, Map<String, List<String>> groupLists, String group) {
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
            Map<String, List<String>> hostLists = lists.computeIfAbsent(host, k -> new LinkedHashMap<>());
            groupLists.forEach(hostLists::putIfAbsent);
            if (!isNull(h.getValueNode())) {
                Map<String, String> own = scalars(h.getValueNode(), "vars of host '" + host + "'");
                merged.putAll(own);
                Map<String, List<String>> ownLists = listsOf(h.getValueNode());
                own.keySet().forEach(k -> {
                    if (!ownLists.containsKey(k)) {
                        hostLists.remove(k); // a host's scalar beats a group's list
                    }
                });
                hostLists.putAll(ownLists);
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
            checkFleetVars(host, e.getValue());
            hosts.add(new FleetHost(host, role, peer, Map.copyOf(e.getValue()), lines.get(host), Map.copyOf(varLines),
                    Map.copyOf(lists.getOrDefault(host, Map.of()))));
        }
        if (hosts.stream().noneMatch(FleetHost::isTarget)) {
            throw new InventoryException(file, 1, "bindlab_role", "no host has bindlab_role: target");
        }
        return new Inventory(file, List.copyOf(hosts));
    }

    /** bindlab_address(6), bindlab_ports, bindlab_listen and bindlab_revert: checked before anything runs. */
    private void checkFleetVars(String host, Map<String, String> v) {
        String a4 = v.getOrDefault(FleetHost.ADDRESS, "");
        if (!a4.isEmpty() && !(InetAddresses.isInetAddress(a4) && InetAddresses.forString(a4) instanceof java.net.Inet4Address)) {
            throw new InventoryException(file, varLine(host, FleetHost.ADDRESS), FleetHost.ADDRESS,
                    "'" + a4 + "' is not an IPv4 address literal (host '" + host + "'; names are never resolved)");
        }
        String a6 = v.getOrDefault(FleetHost.ADDRESS6, "");
        if (!a6.isEmpty() && !(InetAddresses.isInetAddress(a6) && a6.contains(":"))) {
            throw new InventoryException(file, varLine(host, FleetHost.ADDRESS6), FleetHost.ADDRESS6,
                    "'" + a6 + "' is not an IPv6 address literal (host '" + host + "')");
        }
        String ports = v.getOrDefault(FleetHost.PORTS, "");
        if (!ports.isEmpty() && portRange(ports) == null) {
            throw new InventoryException(file, varLine(host, FleetHost.PORTS), FleetHost.PORTS,
                    "'" + ports + "' is not LO-HI with 1024 <= LO <= HI <= 65535 (host '" + host + "')");
        }
        String listen = v.getOrDefault("bindlab_listen", "");
        if (!listen.isEmpty() && !listen.matches("\\[?[0-9A-Fa-f:.]+]?:[0-9]{1,5}")) {
            throw new InventoryException(file, varLine(host, "bindlab_listen"), "bindlab_listen",
                    "'" + listen + "' is not ADDR:PORT with a numeric address (host '" + host + "')");
        }
        if (v.containsKey(FleetHost.REVERT) && !lists.getOrDefault(host, Map.of()).containsKey(FleetHost.REVERT)) {
            throw new InventoryException(file, varLine(host, FleetHost.REVERT), FleetHost.REVERT,
                    "must be a YAML list: the program and its arguments, e.g. [virsh, snapshot-revert, vm, clean]"
                            + " (host '" + host + "'; no shell is used)");
        }
    }

    /** "LO-HI" -> {lo, hi} with 1024 <= LO <= HI <= 65535, or null. */
    static int[] portRange(String s) {
        java.util.regex.Matcher m = Pattern.compile("\\s*(\\d{1,5})\\s*-\\s*(\\d{1,5})\\s*").matcher(s);
        if (!m.matches()) {
            return null;
        }
        int lo = Integer.parseInt(m.group(1));
        int hi = Integer.parseInt(m.group(2));
        return lo >= 1024 && hi <= 65535 && lo <= hi ? new int[] {lo, hi} : null;
    }

    /** The variables of a mapping written as YAML lists of scalars. */
    private Map<String, List<String>> listsOf(Node node) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (!(node instanceof MappingNode m)) {
            return out;
        }
        for (NodeTuple t : m.getValue()) {
            if (t.getValueNode() instanceof SequenceNode seq) {
                List<String> items = new ArrayList<>();
                for (Node n : seq.getValue()) {
                    if (!(n instanceof ScalarNode sc)) {
                        throw new InventoryException(file, line(n), key(t), "list items must be plain strings");
                    }
                    items.add(sc.getValue());
                }
                out.put(key(t), List.copyOf(items));
            }
        }
        return out;
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
