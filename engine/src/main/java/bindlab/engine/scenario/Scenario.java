// A scenario: a short script of steps for the target and peer roles, the TCP state that must be on the port when
// the probe runs, and what the hosts must support for it to apply.
package bindlab.engine.scenario;

import bindlab.proto.v1.SockOption;
import bindlab.proto.v1.TcpState;
import java.util.List;
import java.util.Map;
import java.util.Set;

public final class Scenario {
    private final String id;
    private final String title;
    private final List<TcpState> states;
    private final boolean allStates;
    private final String control;
    private final Set<SockOption> requiresOptions;
    private final boolean requiresFilter;
    private final Map<String, String> dims;
    private final List<StepLine> steps;
    private final String source;

    /**
     * states: what must be on the target's port at the probe, any one of them ("A|B"), or every one of them when
     * allStates ("A+B"); TCP_STATE_UNSPECIFIED stands for "none" (no row at all). control: the outcome a control scenario must give on every host, or null. dims: the
     * catalog dimensions, for filters and reports. source: "file:line" of its 'scenario' line.
     */
    Scenario(String id, String title, List<TcpState> states, boolean allStates, String control, Set<SockOption> requiresOptions,
            boolean requiresFilter, Map<String, String> dims, List<StepLine> steps, String source) {
        this.id = id;
        this.title = title;
        this.states = states;
        this.allStates = allStates;
        this.control = control;
        this.requiresOptions = requiresOptions;
        this.requiresFilter = requiresFilter;
        this.dims = dims;
        this.steps = steps;
        this.source = source;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public List<TcpState> states() {
        return states;
    }

    /** Whether every one of states() must be on the port together ("LISTEN+ESTABLISHED"), not any one. */
    public boolean allStates() {
        return allStates;
    }

    /** The first alternative, for display and the journal's single intended_state. */
    public TcpState state() {
        return states.get(0);
    }

    public String control() {
        return control;
    }

    public boolean isControl() {
        return control != null;
    }

    public Set<SockOption> requiresOptions() {
        return requiresOptions;
    }

    public boolean requiresFilter() {
        return requiresFilter;
    }

    public Map<String, String> dims() {
        return dims;
    }

    public List<StepLine> steps() {
        return steps;
    }

    /** How long a cell of this script waits on purpose (StepLine.plannedWaitMs): idle time, not work. */
    public long plannedWaitMs() {
        long ms = 0;
        for (StepLine s : steps) {
            ms += s.plannedWaitMs();
        }
        return ms;
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return id;
    }
}
