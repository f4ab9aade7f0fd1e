// One inventory host: its agent name, role, the peer it measures against (targets), its vars, and where it was
// defined.
package bindlab.coordinator.fleet;

import java.util.List;
import java.util.Map;

/**
 * peer is null for peers. vars are the host's variables after group variables were applied; varLines says where
 * the host's own vars were written, for error messages. build and ubr come from bindlab_build/bindlab_ubr (0 and -1
 * when not given). lists holds the vars written as YAML lists of scalars (bindlab_revert), which vars shows as "".
 */
public record FleetHost(String name, String role, String peer, Map<String, String> vars, int line,
        Map<String, Integer> varLines, int build, int ubr, Map<String, List<String>> lists) {
    public static final String TARGET = "target";
    public static final String PEER = "peer";

    public boolean isTarget() {
        return role.equals(TARGET);
    }

    /** The declared IPv4 address peers reach this host on, or "". */
    public String address4() {
        return vars.getOrDefault(InventoryVars.ADDRESS, "");
    }

    /** The declared IPv6 address, or "". */
    public String address6() {
        return vars.getOrDefault(InventoryVars.ADDRESS6, "");
    }

    /** The declared sandbox range {low, high}, or null (the parser has checked the text). */
    public int[] ports() {
        String p = vars.getOrDefault(InventoryVars.PORTS, "");
        if (p.isEmpty()) {
            return null;
        }
        String[] lohi = p.split("-");
        return new int[] {Integer.parseInt(lohi[0].strip()), Integer.parseInt(lohi[1].strip())};
    }

    /** The VM revert command, or an empty list. */
    public List<String> revert() {
        return lists.getOrDefault(InventoryVars.REVERT, List.of());
    }

    /** Where a var of this host was written (its own line, else the host's). */
    public int lineOf(String var) {
        return varLines.getOrDefault(var, line);
    }
}
