// Which matrix cells may take part in an answer: trusted, unanimous measurements only; every other cell is left
// out under a named reason, and the reasons are counted and printed, never dropped silently.
package bindlab.coordinator.answers;

import bindlab.proto.v1.MatrixCell;
import bindlab.engine.Outcomes;

public final class CellUse {
    private CellUse() {
    }

    /** Null when the cell is usable; otherwise why not: its non-result outcome, "untrusted" or "flaky". */
    public static String leftOutReason(MatrixCell c) {
        if (!Outcomes.isResult(c.getOutcome())) {
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

    /** The outcome compared across versions: OTHER_ERROR carries its error name, since two of them may differ. */
    public static String observed(MatrixCell c) {
        return c.getOutcome().equals("OTHER_ERROR") ? "OTHER_ERROR(" + c.getErrorName() + ")" : c.getOutcome();
    }
}
