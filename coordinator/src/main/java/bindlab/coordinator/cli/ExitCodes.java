// The exit-code policy of the bindlab CLI, in one place: which failure means which code, and how it is reported.
package bindlab.coordinator.cli;

import bindlab.engine.BadInput;
import bindlab.engine.run.InfraFailure;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine;

public final class ExitCodes {
    public static final int OK = 0;
    /** The run finished but some cells have no result yet (INFRA_ERROR, or left for resume). */
    public static final int INCOMPLETE = 1;
    /** Bad usage or bad input: the message names the option, or the file, line and field. */
    public static final int USAGE = 2;
    /** Infrastructure: a port that cannot be listened on, a disk that cannot be written, agents that never came. */
    public static final int INFRA = 3;
    /** A bug in bindlab: the stack trace is printed; please report it. */
    public static final int BUG = 4;

    private ExitCodes() {
    }

    /** The code for a failure, after printing it the way its kind is printed. */
    public static int report(Throwable e, PrintWriter err) {
        if (e instanceof BadInput || e instanceof CommandLine.ParameterException) {
            err.println("bindlab: " + e.getMessage());
            err.flush();
            return USAGE;
        }
        if (e instanceof InfraFailure || e instanceof IOException) {
            err.println("bindlab: " + e.getMessage());
            err.flush();
            return INFRA;
        }
        err.println("bindlab: internal error (a bug; please report it with this trace): " + e);
        e.printStackTrace(err);
        err.flush();
        return BUG;
    }
}
