// One inventory host: its agent name, role, the peer it measures against (targets), and where it was defined.
package bindlab.coordinator.fleet;

import java.util.List;
import java.util.Map;

/**
 * peer is null for peers. vars are the host's variables after group variables were applied; varLines says where
 * the host's own vars were written, for error messages. lists holds the variables written as YAML lists of
 * scalars (bindlab_revert), which vars shows as "".
 */
public record FleetHost(String name, String role, String peer, Map<String, String> vars, int line,
        Map<String, Integer> varLines, Map<String, List<String>> lists) {
    public static final String TARGET = "target";
    public static final String PEER = "peer";
    /** The IPv4 literal peers reach this host on; the agent's Hello must say the same. */
    public static final String ADDRESS = "bindlab_address";
    /** The IPv6 literal peers reach this host on. */
    public static final String ADDRESS6 = "bindlab_address6";
    /** The agent's sandbox port range, LO-HI. */
    public static final String PORTS = "bindlab_ports";
    /** A command (a YAML list: program and arguments, no shell) that reverts this host's VM before a campaign. */
    public static final String REVERT = "bindlab_revert";

    public boolean isTarget() {
        return role.equals(TARGET);
    }

    /** The declared IPv4 address, or "". */
    public String address4() {
        return vars.getOrDefault(ADDRESS, "");
    }

    /** The declared IPv6 address, or "". */
    public String address6() {
        return vars.getOrDefault(ADDRESS6, "");
    }

    /** The declared sandbox range {low, high}, or null if the inventory declares none. */
    public int[] ports() {
        String p = vars.getOrDefault(PORTS, "");
        return p.isEmpty() ? null : InventoryParser.portRange(p);
    }

    /** The revert command, or an empty list. */
    public List<String> revert() {
        return lists.getOrDefault(REVERT, List.of());
    }
}
