// What `bindlab demo` prints after the matrix: the changes across the run's identities and the claim verdicts for
// its hosts, from the same pure analyses as `bindlab changes` and `bindlab claims`.
package bindlab.coordinator.answers;

import bindlab.coordinator.report.Matrix;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.MatrixReport;
import java.io.PrintWriter;
import java.util.List;

public final class Summary {
    private Summary() {
    }

    public static void print(PrintWriter out, List<CellRecord> records) {
        MatrixReport m = Matrix.build(records);
        out.println();
        out.println("changes (see 'bindlab changes'):");
        out.print(indent(ChangesText.render(Changes.analyze(m, id -> true))));
        out.println();
        out.print(ClaimsText.render(ClaimCheck.check(ClaimsFile.builtIn(), m), false));
        out.flush();
    }

    private static String indent(String text) {
        return text.lines().map(l -> "  " + l + "\n").reduce("", String::concat);
    }
}
