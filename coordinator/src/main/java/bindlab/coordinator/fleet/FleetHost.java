// One inventory host: its agent name, role, the peer it measures against (targets), and where it was defined.
package bindlab.coordinator.fleet;

import java.util.Map;

/**
 * peer is null for peers. vars are the host's variables after group variables were applied; varLines says where
 * the host's own vars were written, for error messages.
 */
public record FleetHost(String name, String role, String peer, Map<String, String> vars, int line,
        Map<String, Integer> varLines) {
    public static final String TARGET = "target";
    public static final String PEER = "peer";

    public boolean isTarget() {
        return role.equals(TARGET);
    }
}
