// Writes scenarios back as script text, so a run's store keeps the exact scenario set it ran (resume reads it).
package bindlab.engine.scenario;

import bindlab.proto.v1.SockOption;
import bindlab.proto.v1.TcpState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
        out.append("state ").append(states(s.states())).append('\n');
        if (s.control() != null) {
            out.append("control ").append(s.control()).append('\n');
        }
        if (!s.requiresOptions().isEmpty() || s.requiresFilter()) {
            List<String> names = new ArrayList<String>();
            for (SockOption o : s.requiresOptions()) {
                names.add(o.name());
            }
            Collections.sort(names);
            out.append("requires");
            for (String n : names) {
                out.append(' ').append(n);
            }
            out.append(s.requiresFilter() ? " filter" : "").append('\n');
        }
        if (!s.dims().isEmpty()) {
            out.append("dim");
            for (Map.Entry<String, String> e : new TreeMap<String, String>(s.dims()).entrySet()) {
                out.append(' ').append(e.getKey()).append('=').append(e.getValue());
            }
            out.append('\n');
        }
        for (StepLine t : s.steps()) {
            out.append(t.text()).append('\n');
        }
        return out.toString();
    }

    /** "none|ESTABLISHED": the script form of a state line. */
    public static String states(List<TcpState> states) {
        StringBuilder out = new StringBuilder();
        for (TcpState t : states) {
            out.append(out.length() == 0 ? "" : "|").append(t == TcpState.TCP_STATE_UNSPECIFIED ? "none" : t.name());
        }
        return out.toString();
    }
}
