// Renders the matrix as one self-contained HTML file: the report embedded once as JSON (each host's identity on its
// row only) and each cell's evidence in a second JSON block that the page parses only when a cell is opened, drawn
// by inline JavaScript into a coloured grid with sticky headers, dimension filters, an evidence panel per cell, and
// the views the caller embeds (views/ReportPage: bind tables). Nothing is fetched: no external script, style, font or
// image, and no URL at all in the file.
package bindlab.coordinator.report;

import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.MatrixCell;
import bindlab.proto.v1.MatrixReport;
import bindlab.proto.v1.MatrixRow;
import bindlab.proto.v1.RecordRef;
import bindlab.proto.v1.StepRecord;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class MatrixHtml {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z]+)}}");
    /** The page around the data, with its CSS and JavaScript; {{TITLE}}, {{DATA}} and {{EVIDENCE}} are filled in. */
    static final String TEMPLATE = "matrix-report.html";

    private MatrixHtml() {
    }

    /**
     * records: the journals the report was built from; each cell's evidence refs are looked up in them. views: a JSON
     * value the page's views read (see views/ReportPage), embedded as "views".
     */
    public static String render(MatrixReport m, List<CellRecord> records, String views) {
        String title = "bindlab matrix: " + m.getColumnsCount() + " scenario(s) x " + m.getRowsCount() + " host(s)";
        return fill(MatrixHtml.class, TEMPLATE, Map.of("TITLE", escapeHtml(title), "DATA", scriptSafe(data(m, views)),
                "EVIDENCE", scriptSafe(evidence(m, records))));
    }

    /**
     * The page template next to owner's class file with each {{NAME}} replaced by values.get(NAME), in one pass, so
     * a placeholder's text inside a value is never read as a placeholder.
     */
    public static String fill(Class<?> owner, String resource, Map<String, String> values) {
        String t = template(owner, resource);
        Matcher ph = PLACEHOLDER.matcher(t);
        StringBuilder out = new StringBuilder(t.length() + values.values().stream().mapToInt(String::length).sum());
        int last = 0;
        while (ph.find()) {
            String v = values.get(ph.group(1));
            if (v == null) {
                throw new IllegalStateException(resource + " has a placeholder without a value: " + ph.group());
            }
            out.append(t, last, ph.start()).append(v); // the value as it is: no replacement syntax to escape
            last = ph.end();
        }
        return out.append(t, last, t.length()).toString();
    }

    /** The report as embedded: each cell without its host identity, which its row carries (the page reads it there). */
    public static MatrixReport embedded(MatrixReport m) {
        MatrixReport.Builder b = m.toBuilder();
        b.getCellsBuilderList().forEach(MatrixCell.Builder::clearIdentity);
        return b.build();
    }

    /**
     * {"report": embedded(MatrixReport), "labels": [cell summary per cell], "systems": [identity line per row],
     * "fixtureNote": "" or the fixture warning, "wineNote": "" or the Wine warning, "views": views}: what the page's
     * script reads first.
     */
    static String data(MatrixReport m, String views) {
        StringBuilder out = new StringBuilder("{\"report\":").append(MatrixJson.compact(embedded(m))).append(",\"labels\":[");
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
        return out.append(",\"views\":").append(views).append('}').toString();
    }

    /** [[trimmed CellRecord per evidence ref] per cell]: parsed by the page only when a cell's panel first opens. */
    static String evidence(MatrixReport m, List<CellRecord> records) {
        Map<String, CellRecord> byRef = new HashMap<>();
        for (CellRecord r : records) {
            byRef.putIfAbsent(ref(r.getRunId(), r.getTargetHost(), r.getScenarioId(), r.getRepeat(), r.getAttempt()), r);
        }
        StringBuilder out = new StringBuilder("[");
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
        return out.append(']').toString();
    }

    /**
     * The identity is on the row already, host and scenario on the cell, and the resolved step repeats what its
     * script line and result say.
     */
    static CellRecord trim(CellRecord r) {
        CellRecord.Builder b = r.toBuilder().clearTargetIdentity().clearTargetHost().clearScenarioId();
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

    /** s as a JSON string literal. */
    public static String jsonString(String s) {
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

    public static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String ref(String run, String host, String scenario, int repeat, int attempt) {
        return run + "\u0000" + host + "\u0000" + scenario + "\u0000" + repeat + "\u0000" + attempt;
    }

    private static String print(CellRecord r) {
        try {
            return bindlab.engine.store.WireJson.print(r); // JsonFormat's text, without its reflection
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a CellRecord has no Any fields and always prints: " + e.getMessage(), e);
        }
    }

    private static String template(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the HTML template " + resource + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
