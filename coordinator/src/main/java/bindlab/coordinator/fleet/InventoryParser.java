// Reads an Ansible YAML inventory (the file users deploy with): groups with hosts, children and vars. Validates every
// bindlab var before anything runs, naming file:line:field: roles, peers, listen address, addresses, port ranges,
// builds.
package bindlab.coordinator.fleet;

import bindlab.coordinator.yaml.YamlDoc;
import bindlab.engine.BadInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

public final class InventoryParser {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final int MAX_HOSTS = 1000;

    private final YamlDoc doc;
    /** host -> (var -> value), in the order hosts first appear; group vars below, host vars on top. */
    private final Map<String, Map<String, String>> vars = new LinkedHashMap<>();
    private final Map<String, Integer> lines = new LinkedHashMap<>();
    private final Map<String, Map<String, Integer>> varLines = new LinkedHashMap<>();
    /** host -> (var -> list), for the vars written as YAML lists of scalars (bindlab_revert). */
    private final Map<String, Map<String, List<String>>> lists = new LinkedHashMap<>();

    private InventoryParser(YamlDoc doc) {
        this.doc = doc;
    }

    public static Inventory read(Path path) {
        return parse(YamlDoc.read(path));
    }

    public static Inventory parse(String file, String text) {
        return parse(YamlDoc.parse(file, text));
    }

    private static Inventory parse(YamlDoc doc) {
        InventoryParser p = new InventoryParser(doc);
        if (doc.root() == null) {
            throw BadInput.of(doc.name(), "the inventory is empty (want 'all:' with hosts)");
        }
        for (Map.Entry<String, Node> t : doc.mapping(doc.root(), "inventory").entrySet()) {
            p.group(t.getKey(), t.getValue(), Map.of(), Map.of());
        }
        return p.validate();
    }

    /** A group: hosts (name -> vars), children (name -> group), vars; vars flow down to hosts and children. */
    private void group(String name, Node node, Map<String, String> inherited, Map<String, List<String>> inheritedLists) {
        if (YamlDoc.isNull(node)) {
            return;
        }
        Map<String, Node> g = doc.mapping(node, "group '" + name + "'");
        Map<String, String> groupVars = new LinkedHashMap<>(inherited);
        Map<String, List<String>> groupLists = new LinkedHashMap<>(inheritedLists);
        if (g.containsKey("vars") && !YamlDoc.isNull(g.get("vars"))) {
            groupVars.putAll(scalars(g.get("vars"), "vars of group '" + name + "'"));
            groupLists.putAll(listsOf(g.get("vars")));
        }
        Map<String, Node> keys = doc.keys(node);
        for (Map.Entry<String, Node> t : g.entrySet()) {
            switch (t.getKey()) {
                case "vars" -> { }
                case "hosts" -> hosts(t.getValue(), groupVars, groupLists, name);
                case "children" -> {
                    if (!YamlDoc.isNull(t.getValue())) {
                        for (Map.Entry<String, Node> c : doc.mapping(t.getValue(), "children of '" + name + "'").entrySet()) {
                            group(c.getKey(), c.getValue(), groupVars, groupLists);
                        }
                    }
                }
                default -> throw doc.error(keys.get(t.getKey()), t.getKey(),
                        "unknown key in group '" + name + "' (expected hosts, children or vars)");
            }
        }
    }

    private void hosts(Node node, Map<String, String> groupVars, Map<String, List<String>> groupLists, String group) {
        if (YamlDoc.isNull(node)) {
            return;
        }
        Map<String, Node> keys = doc.keys(node);
        for (Map.Entry<String, Node> h : doc.mapping(node, "hosts of group '" + group + "'").entrySet()) {
            String host = h.getKey();
            Node keyNode = keys.get(host);
            if (!NAME.matcher(host).matches()) {
                throw doc.error(keyNode, "host", "'" + host + "' is not a valid agent name (1-63 letters, digits, _ . -)");
            }
            if (!vars.containsKey(host) && vars.size() >= MAX_HOSTS) {
                throw doc.error(keyNode, "host", "more than " + MAX_HOSTS + " hosts");
            }
            Map<String, String> merged = vars.computeIfAbsent(host, k -> new LinkedHashMap<>());
            lines.putIfAbsent(host, YamlDoc.line(keyNode));
            groupVars.forEach(merged::putIfAbsent);
            Map<String, List<String>> hostLists = lists.computeIfAbsent(host, k -> new LinkedHashMap<>());
            groupLists.forEach(hostLists::putIfAbsent);
            if (!YamlDoc.isNull(h.getValue())) {
                Map<String, String> own = scalars(h.getValue(), "vars of host '" + host + "'");
                merged.putAll(own);
                Map<String, List<String>> ownLists = listsOf(h.getValue());
                own.keySet().forEach(k -> {
                    if (!ownLists.containsKey(k)) {
                        hostLists.remove(k); // a host's scalar beats a group's list
                    }
                });
                hostLists.putAll(ownLists);
                doc.keys(h.getValue()).forEach((k, n) -> varLines.computeIfAbsent(host, x -> new LinkedHashMap<>())
                        .put(k, YamlDoc.line(n)));
            }
        }
    }

    private Inventory validate() {
        if (vars.isEmpty()) {
            throw new BadInput(doc.name(), 1, "hosts", "the inventory has no hosts");
        }
        List<String> peers = new ArrayList<>();
        for (var e : vars.entrySet()) {
            String role = e.getValue().get(InventoryVars.ROLE);
            if (role == null) {
                throw new BadInput(doc.name(), lines.get(e.getKey()), InventoryVars.ROLE,
                        "host '" + e.getKey() + "' has none (set target or peer)");
            }
            if (!role.equals(FleetHost.TARGET) && !role.equals(FleetHost.PEER)) {
                throw error(e.getKey(), InventoryVars.ROLE, "'" + role + "' is not target or peer");
            }
            if (role.equals(FleetHost.PEER)) {
                peers.add(e.getKey());
            }
        }
        List<FleetHost> hosts = new ArrayList<>();
        for (var e : vars.entrySet()) {
            String host = e.getKey();
            Map<String, String> v = e.getValue();
            checkVars(host, v);
            String peer = v.get(InventoryVars.ROLE).equals(FleetHost.TARGET) ? peerOf(host, v, peers) : null;
            hosts.add(new FleetHost(host, v.get(InventoryVars.ROLE), peer, Map.copyOf(v), lines.get(host),
                    Map.copyOf(varLines.getOrDefault(host, Map.of())), number(host, v, InventoryVars.BUILD, 0),
                    number(host, v, InventoryVars.UBR, -1), Map.copyOf(lists.getOrDefault(host, Map.of()))));
        }
        if (hosts.stream().noneMatch(FleetHost::isTarget)) {
            throw new BadInput(doc.name(), 1, InventoryVars.ROLE, "no host has bindlab_role: target");
        }
        return new Inventory(doc.name(), List.copyOf(hosts));
    }

    /** The values bindlab reads are checked here, so a bad one fails before a store exists. */
    private void checkVars(String host, Map<String, String> v) {
        String listen = v.get(InventoryVars.LISTEN);
        if (listen != null && !listen.isEmpty()) {
            int c = listen.lastIndexOf(':');
            String addr = c > 0 ? listen.substring(0, c).replace("[", "").replace("]", "") : "";
            if (c <= 0 || !(IPV4.matcher(addr).matches() || addr.contains(":") && IPV6.matcher(addr).matches())
                    || !listen.substring(c + 1).matches("[0-9]{1,5}") || Integer.parseInt(listen.substring(c + 1)) > 65535) {
                throw error(host, InventoryVars.LISTEN, "'" + listen + "' is not ADDR:PORT with a numeric address");
            }
        }
        String a4 = v.get(InventoryVars.ADDRESS);
        if (a4 != null && !a4.isEmpty() && !IPV4.matcher(a4).matches()) {
            throw error(host, InventoryVars.ADDRESS, "'" + a4 + "' is not a numeric IPv4 address");
        }
        String a6 = v.get(InventoryVars.ADDRESS6);
        if (a6 != null && !a6.isEmpty() && !(a6.contains(":") && IPV6.matcher(a6).matches())) {
            throw error(host, InventoryVars.ADDRESS6, "'" + a6 + "' is not a numeric IPv6 address");
        }
        if (v.containsKey(InventoryVars.REVERT) && !lists.getOrDefault(host, Map.of()).containsKey(InventoryVars.REVERT)) {
            throw error(host, InventoryVars.REVERT, "must be a YAML list: the program and its arguments, e.g."
                    + " [virsh, snapshot-revert, vm, clean] (no shell is used)");
        }
        String ports = v.get(InventoryVars.PORTS);
        if (ports != null && !ports.isEmpty()) {
            String[] p = ports.split("-", -1);
            boolean ok = p.length == 2 && p[0].strip().matches("[0-9]{1,5}") && p[1].strip().matches("[0-9]{1,5}");
            if (ok) {
                int lo = Integer.parseInt(p[0].strip());
                int hi = Integer.parseInt(p[1].strip());
                ok = lo >= 1024 && lo <= hi && hi <= 65535;
            }
            if (!ok) {
                throw error(host, InventoryVars.PORTS, "'" + ports + "' must be LO-HI with 1024 <= LO <= HI <= 65535");
            }
        }
    }

    /** A whole number, or a dotted version whose last part is taken ("6.1.7601" -> 7601). */
    private int number(String host, Map<String, String> v, String var, int absent) {
        String s = v.get(var);
        if (s == null || s.isEmpty()) {
            return absent;
        }
        String last = s.substring(s.lastIndexOf('.') + 1).strip();
        if (last.matches("[0-9]{1,9}")) {
            return Integer.parseInt(last);
        }
        throw error(host, var, "must be a number (e.g. 19045), got '" + s + "'");
    }

    private String peerOf(String host, Map<String, String> v, List<String> peers) {
        String peer = v.get(InventoryVars.PEER);
        if (peer == null) {
            if (peers.size() == 1) {
                return peers.get(0);
            }
            throw new BadInput(doc.name(), lines.get(host), InventoryVars.PEER, "target '" + host + "' names no peer and"
                    + " the inventory has " + peers.size() + " peers " + peers + ": set bindlab_peer");
        }
        if (!vars.containsKey(peer)) {
            throw error(host, InventoryVars.PEER, "'" + peer + "' (peer of '" + host + "') is not a host of this inventory");
        }
        if (!peers.contains(peer)) {
            throw error(host, InventoryVars.PEER, "'" + peer + "' (peer of '" + host + "') does not have bindlab_role: peer");
        }
        return peer;
    }

    private BadInput error(String host, String var, String problem) {
        Integer own = varLines.getOrDefault(host, Map.of()).get(var);
        return new BadInput(doc.name(), own != null ? own : lines.get(host), var, problem + " (host '" + host + "')");
    }

    /** The vars of a mapping written as YAML lists of scalars. */
    private Map<String, List<String>> listsOf(Node node) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> t : doc.mapping(node, "vars").entrySet()) {
            if (t.getValue() instanceof org.yaml.snakeyaml.nodes.SequenceNode seq) {
                List<String> items = new ArrayList<>();
                for (Node n : seq.getValue()) {
                    if (!(n instanceof org.yaml.snakeyaml.nodes.ScalarNode sc)) {
                        throw doc.error(n, t.getKey(), "list items must be plain strings");
                    }
                    items.add(sc.getValue());
                }
                out.put(t.getKey(), List.copyOf(items));
            }
        }
        return out;
    }

    private Map<String, String> scalars(Node node, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> t : doc.mapping(node, what).entrySet()) {
            Node v = t.getValue();
            // lists and maps (Ansible allows them) carry nothing bindlab reads
            out.put(t.getKey(), v instanceof org.yaml.snakeyaml.nodes.ScalarNode s ? s.getValue() : "");
        }
        return out;
    }
}
