// The outcome vocabulary, written once: display labels, which outcomes are measurements, their display order.
package bindlab.engine;

import bindlab.proto.v1.Outcome;
import bindlab.proto.v1.TcpRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

public final class Outcomes {
    /** A matrix cell with no record at all. */
    public static final String NOT_RUN = "not run";
    /** The labels of measurements: what the OS answered to the probe. */
    public static final List<String> RESULTS =
            Collections.unmodifiableList(Arrays.asList("OK", "EADDRINUSE", "EACCES", "EINVAL", "OTHER_ERROR"));
    /** Every label a matrix cell can show, in display order. */
    public static final List<String> ORDER;

    static {
        List<String> order = new ArrayList<String>(RESULTS);
        order.addAll(Arrays.asList("SETUP_REFUSED", "INVALID_SETUP", "INFRA_ERROR", "NOT_APPLICABLE", NOT_RUN));
        ORDER = Collections.unmodifiableList(order);
    }

    private Outcomes() {
    }

    /** The display name: SUCCESS is shown as OK, every other outcome as its own name. */
    public static String label(Outcome o) {
        return o == Outcome.SUCCESS ? "OK" : o.name();
    }

    /** The outcome a label names (the inverse of label), or null for an unknown label. */
    public static Outcome parse(String label) {
        if (label.equals("OK")) {
            return Outcome.SUCCESS;
        }
        for (Outcome o : Outcome.values()) {
            if (o != Outcome.UNRECOGNIZED && o != Outcome.OUTCOME_UNSPECIFIED && o != Outcome.SUCCESS
                    && o.name().equals(label)) {
                return o;
            }
        }
        return null;
    }

    /** Whether the outcome is a measurement of the OS (not a reason there is none). */
    public static boolean isResult(Outcome o) {
        return RESULTS.contains(label(o));
    }

    /** Whether the label is a measurement's. */
    public static boolean isResult(String label) {
        return RESULTS.contains(label);
    }

    /** The outcome of a failed probe call, from the portable error name the agent reported. */
    public static Outcome fromErrorName(String name) {
        if (name.equals("EADDRINUSE")) {
            return Outcome.EADDRINUSE;
        }
        if (name.equals("EACCES")) {
            return Outcome.EACCES;
        }
        if (name.equals("EINVAL")) {
            return Outcome.EINVAL;
        }
        return Outcome.OTHER_ERROR;
    }

    /** "[LISTEN, TIME_WAIT]": the distinct states, in table order. */
    public static String states(List<TcpRow> rows) {
        List<String> out = new ArrayList<String>();
        for (TcpRow r : rows) {
            if (!out.contains(r.getState().name())) {
                out.add(r.getState().name());
            }
        }
        return out.toString();
    }
}
