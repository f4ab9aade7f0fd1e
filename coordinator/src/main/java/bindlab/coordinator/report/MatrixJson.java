// The matrix as JSON: the MatrixReport message in protobuf's JSON mapping, every field present even when empty,
// so readers need no defaults. Field by field: docs/matrix-json.md.
package bindlab.coordinator.report;

import bindlab.proto.v1.MatrixReport;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;

public final class MatrixJson {
    private MatrixJson() {
    }

    public static String render(MatrixReport m) {
        return print(m, JsonFormat.printer().alwaysPrintFieldsWithNoPresence()) + "\n";
    }

    /** One line, for embedding (the HTML report). */
    static String compact(MatrixReport m) {
        return print(m, JsonFormat.printer().alwaysPrintFieldsWithNoPresence().omittingInsignificantWhitespace());
    }

    public static MatrixReport parse(String json) throws InvalidProtocolBufferException {
        MatrixReport.Builder b = MatrixReport.newBuilder();
        JsonFormat.parser().merge(json, b);
        return b.build();
    }

    private static String print(MatrixReport m, JsonFormat.Printer printer) {
        try {
            return printer.print(m);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a MatrixReport has no Any fields and always prints: " + e.getMessage(), e);
        }
    }
}
