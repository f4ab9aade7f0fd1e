// A scenario: a short script of steps for the target and peer roles, the TCP state that must be on the port when
// the probe runs, and what the hosts must support for it to apply.
package bindlab.coordinator.scenario;

import bindlab.proto.v1.SockOption;
import bindlab.proto.v1.TcpState;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * states: what must be on the target's port at the probe, any one of them; TCP_STATE_UNSPECIFIED stands for "none"
 * (no row at all). control: the outcome a control scenario must give on every host, or null. dims: the catalog
 * dimensions, for filters and reports.
 */
public record Scenario(
        String id,
        String title,
        List<TcpState> states,
        String control,
        Set<SockOption> requiresOptions,
        boolean requiresFilter,
        Map<String, String> dims,
        List<StepTemplate> steps,
        String source) {

    /** The first alternative, for display and the journal's single intended_state. */
    public TcpState state() {
        return states.get(0);
    }
}
