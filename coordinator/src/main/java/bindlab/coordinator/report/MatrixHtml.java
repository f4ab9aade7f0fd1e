// Renders the matrix as one self-contained HTML file: the report and each cell's evidence embedded as JSON, drawn
// by inline JavaScript into a coloured grid with sticky headers, dimension filters and an evidence panel per cell.
// Nothing is fetched: no external script, style, font or image, and no URL at all in the file.
package bindlab.coordinator.report;

import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.MatrixCell;
import bindlab.proto.v1.MatrixReport;
import bindlab.proto.v1.MatrixRow;
import bindlab.proto.v1.RecordRef;
import bindlab.proto.v1.StepRecord;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public final class MatrixHtml {
    /** The page around the data, with its CSS and JavaScript; {{TITLE}} and {{DATA}} are filled in. */
    static final String TEMPLATE = "matrix-report.html";
    private static final JsonFormat.Printer RECORD = JsonFormat.printer().omittingInsignificantWhitespace();

    private MatrixHtml() {
    }

    /** records: the journals the report was built from; each cell's evidence refs are looked up in them. */
    public static String render(MatrixReport m, List<CellRecord> records) {
        String title = "bindlab matrix: " + m.getColumnsCount() + " scenario(s) x " + m.getRowsCount() + " host(s)";
        return template().replace("{{TITLE}}", escapeHtml(title)).replace("{{DATA}}", scriptSafe(data(m, records)));
    }

    /**
     * {"report": MatrixReport, "labels": [cell summary per cell], "systems": [identity line per row],
     * "fixtureNote": "" or the fixture warning, "wineNote": "" or the Wine warning, "evidence": [[trimmed CellRecord per evidence ref] per cell]}: what
     * the page's script reads.
     */
    static String data(MatrixReport m, List<CellRecord> records) {
        Map<String, CellRecord> byRef = new HashMap<>();
        for (CellRecord r : records) {
            byRef.putIfAbsent(ref(r.getRunId(), r.getTargetHost(), r.getScenarioId(), r.getRepeat(), r.getAttempt()), r);
        }
        StringBuilder out = new StringBuilder("{\"report\":").append(MatrixJson.compact(m)).append(",\"labels\":[");
        for (int i = 0; i < m.getCellsCount(); i++) {
            out.append(i == 0 ? "" : ",").append(jsonString(Summaries.cell(m.getCells(i))));
        }
        out.append("],\"systems\":[");
        for (int i = 0; i < m.getRowsCount(); i++) {
            MatrixRow r = m.getRows(i);
            out.append(i == 0 ? "" : ",").append(jsonString(Summaries.identity(r)));
        }
        out.append("],\"fixtureNote\":").append(jsonString(Summaries.anyFixture(m) ? Summaries.FIXTURE_NOTE : ""));
        out.append(",\"wineNote\":").append(jsonString(Summaries.anyWine(m) ? Families.WINE_NOTE : ""));
        out.append(",\"evidence\":[");
        for (int i = 0; i < m.getCellsCount(); i++) {
            MatrixCell c = m.getCells(i);
            out.append(i == 0 ? "[" : ",[");
            boolean first = true;
            for (RecordRef e : c.getEvidenceList()) {
                CellRecord r = byRef.get(ref(e.getRunId(), c.getHost(), c.getScenarioId(), e.getRepeat(), e.getAttempt()));
                if (r != null) {
                    out.append(first ? "" : ",").append(print(trim(r)));
                    first = false;
                }
            }
            out.append(']');
        }
        return out.append("]}").toString();
    }

    /** The identity is on the row already, and the resolved step repeats what its script line and result say. */
    static CellRecord trim(CellRecord r) {
        CellRecord.Builder b = r.toBuilder().clearTargetIdentity();
        for (StepRecord.Builder s : b.getStepsBuilderList()) {
            s.clearStep();
        }
        return b.build();
    }

    /**
     * Embedded JSON must not end its script element or carry a URL: every '<' and '>' and the ':' of "://" become
     * \\u escapes, which only occur inside JSON strings and which JSON.parse turns back into the same text.
     */
    static String scriptSafe(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("://", "\\u003a//");
    }

    static String jsonString(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(ch < 0x20 ? String.format("\\u%04x", (int) ch) : String.valueOf(ch));
            }
        }
        return out.append('"').toString();
    }

    static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String ref(String run, String host, String scenario, int repeat, int attempt) {
        return run + "\u0000" + host + "\u0000" + scenario + "\u0000" + repeat + "\u0000" + attempt;
    }

    private static String print(CellRecord r) {
        try {
            return RECORD.print(r);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a CellRecord has no Any fields and always prints: " + e.getMessage(), e);
        }
    }

    private static String template() {
        try (InputStream in = MatrixHtml.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("the HTML template " + TEMPLATE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
