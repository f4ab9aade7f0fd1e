// A scenario: a short script of steps for the target and peer roles, the TCP state that must be on the port when
// the probe runs, and what the hosts must support for it to apply.
package bindlab.coordinator.scenario;

import bindlab.proto.v1.SockOption;
import bindlab.proto.v1.TcpState;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * state: the intended state of a target row on the port at the probe; TCP_STATE_UNSPECIFIED means the port must
 * have no rows at all ("nothing lingers"). dims: the catalog dimensions, for filters and reports.
 */
public record Scenario(
        String id,
        String title,
        TcpState state,
        Set<SockOption> requiresOptions,
        boolean requiresFilter,
        Map<String, String> dims,
        List<StepTemplate> steps,
        String source) {

    public boolean hasProbe() {
        return steps.stream().anyMatch(StepTemplate::probe);
    }
}
