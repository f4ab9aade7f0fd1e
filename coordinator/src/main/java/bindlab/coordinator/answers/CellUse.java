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

    /**
     * The cell's result as compared across versions and shown in refutations: the outcome with the call that gave
     * it ("bind:EADDRINUSE", "listen:EADDRINUSE", "OK"); OTHER_ERROR carries its error name, since two may differ.
     */
    public static String observed(MatrixCell c) {
        String label = c.getOutcome().equals("OTHER_ERROR") ? "OTHER_ERROR(" + c.getErrorName() + ")" : c.getOutcome();
        return c.getFailedCall().isEmpty() || !Outcomes.isResult(c.getOutcome()) || c.getOutcome().equals("OK")
                ? label : c.getFailedCall() + ":" + label;
    }

    /**
     * What one call of the probe gave in this cell: "OK" if it succeeded (a later call may have failed), the outcome
     * if it is the call that failed, null if the probe stopped before it (or the failing call is not recorded).
     * "probe" is the probe as a whole: its outcome, whichever call gave it.
     */
    public static String outcomeOf(MatrixCell c, String call) {
        String label = c.getOutcome().equals("OTHER_ERROR") ? "OTHER_ERROR(" + c.getErrorName() + ")" : c.getOutcome();
        if (call.equals(PROBE) || c.getOutcome().equals("OK")) {
            return label;
        }
        int failed = Outcomes.PROBE_CALLS.indexOf(c.getFailedCall());
        int wanted = Outcomes.PROBE_CALLS.indexOf(call);
        if (failed < 0) {
            return null;
        }
        return wanted < failed ? "OK" : wanted == failed ? label : null;
    }

    /** The pseudo-call of a claim about the probe as a whole. */
    public static final String PROBE = "probe";
}
