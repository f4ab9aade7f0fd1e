// Which matrix cells may take part in an answer: trusted, unanimous measurements only; every other cell is left
// out under a named reason, and the reasons are counted and printed, never dropped silently.
package bindlab.coordinator.answers;

import bindlab.proto.v1.MatrixCell;
import java.util.List;

public final class CellUse {
    /** The outcomes that are measurements of the OS. */
    static final List<String> RESULTS = List.of("OK", "EADDRINUSE", "EACCES", "EINVAL", "OTHER_ERROR");

    private CellUse() {
    }

    /** Null when the cell is usable; otherwise why not: its non-result outcome, "untrusted" or "flaky". */
    public static String leftOutReason(MatrixCell c) {
        if (!RESULTS.contains(c.getOutcome())) {
            return c.getOutcome().isEmpty() ? "no outcome" : c.getOutcome();
        }
        if (c.getUntrusted()) {
            return "untrusted"; // its host failed a control: nothing it says is believed
        }
        if (c.getFlaky()) {
            return "flaky"; // repeats disagreed: the majority is not an answer
        }
        return null;
    }

    /** Hosts named "fixture-..." are synthetic test data; every report says so rather than let them pass as measurements. */
    public static boolean isFixture(String host) {
        return host.startsWith("fixture");
    }

    public static final String FIXTURE_NOTE = "note: hosts named fixture-* are synthetic test data, not measurements";

    /** The outcome compared across versions: OTHER_ERROR carries its error name, since two of them may differ. */
    public static String observed(MatrixCell c) {
        return c.getOutcome().equals("OTHER_ERROR") ? "OTHER_ERROR(" + c.getErrorName() + ")" : c.getOutcome();
    }
}
