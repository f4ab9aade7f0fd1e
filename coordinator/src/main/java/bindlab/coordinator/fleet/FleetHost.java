// One inventory host: its agent name, role, the peer it measures against (targets), its vars, and where it was
// defined.
package bindlab.coordinator.fleet;

import java.util.Map;

/**
 * peer is null for peers. vars are the host's variables after group variables were applied; varLines says where
 * the host's own vars were written, for error messages. build and ubr come from bindlab_build/bindlab_ubr (0 and -1
 * when not given).
 */
public record FleetHost(String name, String role, String peer, Map<String, String> vars, int line,
        Map<String, Integer> varLines, int build, int ubr) {
    public static final String TARGET = "target";
    public static final String PEER = "peer";

    public boolean isTarget() {
        return role.equals(TARGET);
    }

    /** Where a var of this host was written (its own line, else the host's). */
    public int lineOf(String var) {
        return varLines.getOrDefault(var, line);
    }
}
