// Writes scenarios back as script text, so a run's store keeps the exact scenario set it ran (resume reads it).
package bindlab.coordinator.scenario;

import bindlab.proto.v1.TcpState;
import java.util.List;
import java.util.stream.Collectors;

public final class ScenarioPrinter {
    private ScenarioPrinter() {
    }

    public static String print(List<Scenario> scenarios) {
        StringBuilder out = new StringBuilder("# The scenario set of this run, as run.\n");
        for (Scenario s : scenarios) {
            out.append('\n').append(print(s));
        }
        return out.toString();
    }

    public static String print(Scenario s) {
        StringBuilder out = new StringBuilder();
        out.append("scenario ").append(s.id()).append('\n');
        if (!s.title().isEmpty()) {
            out.append("title ").append(s.title()).append('\n');
        }
        out.append("state ").append(states(s)).append('\n');
        if (s.control() != null) {
            out.append("control ").append(s.control()).append('\n');
        }
        if (!s.requiresOptions().isEmpty() || s.requiresFilter()) {
            out.append("requires").append(s.requiresOptions().stream().map(o -> " " + o.name()).sorted()
                    .collect(Collectors.joining())).append(s.requiresFilter() ? " filter" : "").append('\n');
        }
        if (!s.dims().isEmpty()) {
            out.append("dim").append(s.dims().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .map(e -> " " + e.getKey() + "=" + e.getValue()).collect(Collectors.joining())).append('\n');
        }
        s.steps().forEach(t -> out.append(t.text()).append('\n'));
        return out.toString();
    }

    public static String states(Scenario s) {
        return s.states().stream().map(t -> t == TcpState.TCP_STATE_UNSPECIFIED ? "none" : t.name())
                .collect(Collectors.joining("|"));
    }
}
