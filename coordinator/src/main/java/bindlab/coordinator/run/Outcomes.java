// Small pure helpers naming outcomes and states the same way everywhere.
package bindlab.coordinator.run;

import bindlab.proto.v1.Outcome;
import bindlab.proto.v1.TcpRow;
import java.util.List;

public final class Outcomes {
    private Outcomes() {
    }

    public static Outcome fromErrorName(String name) {
        return switch (name) {
            case "EADDRINUSE" -> Outcome.EADDRINUSE;
            case "EACCES" -> Outcome.EACCES;
            case "EINVAL" -> Outcome.EINVAL;
            default -> Outcome.OTHER_ERROR;
        };
    }

    /** The display name: SUCCESS is shown as OK. */
    public static String label(Outcome o) {
        return o == Outcome.SUCCESS ? "OK" : o.name();
    }

    /** Whether the outcome is a measurement of the OS (not a reason there is none). */
    public static boolean isResult(Outcome o) {
        return o == Outcome.SUCCESS || o == Outcome.EADDRINUSE || o == Outcome.EACCES || o == Outcome.EINVAL
                || o == Outcome.OTHER_ERROR;
    }

    /** "[LISTEN, TIME_WAIT]": the distinct states, in table order. */
    public static String states(List<TcpRow> rows) {
        return rows.stream().map(r -> r.getState().name()).distinct().toList().toString();
    }
}
