// Renders bind tables for a terminal: per situation a heading, the second socket's options and addresses across the
// top, the first socket's down the side, split into blocks of columns to stay within 120 characters.
package bindlab.coordinator.views;

import bindlab.coordinator.report.MatrixText;
import bindlab.coordinator.report.Summaries;
import bindlab.coordinator.report.Terminal;
import bindlab.coordinator.report.TextTable;
import bindlab.proto.v1.MatrixReport;
import java.util.ArrayList;
import java.util.List;

public final class BindTablesText {
    /** Marks a cell where the two sides differ; a plain character, so it shows without colour too. */
    static final String DIFFERS = "*";
    static final String SEP = " | ";

    private BindTablesText() {
    }

    public static String render(MatrixReport m, List<BindTables.Table> tables, boolean colour) {
        StringBuilder out = new StringBuilder(Documents.heading(m, tables)).append('\n');
        for (BindTables.Table t : tables) {
            out.append('\n').append(TextTable.fit(t.situation().title() + " [" + t.subject() + "]", MatrixText.WIDTH))
                    .append('\n');
            blocks(t).forEach(cols -> out.append(block(m, t, cols, colour)));
        }
        out.append('\n');
        Documents.notes(m, tables).forEach(n -> out.append(n).append('\n'));
        out.append("Rows: the first socket's option and address; columns: the second socket's. '.': no such scenario.\n");
        out.append("Abbreviated: ").append(Summaries.ABBREVIATION_LEGEND).append(".\n");
        if (tables.stream().anyMatch(t -> t.other() != null)) {
            out.append("\"first").append(SEP).append("second\": the sides say different things; ").append(DIFFERS)
                    .append(": measurements that disagree, or one that contradicts the claim.\n");
        }
        return out.toString();
    }

    /** Column indices in blocks that fit the width beside the row headings. */
    static List<List<Integer>> blocks(BindTables.Table t) {
        int head = rowHeadWidth(t);
        List<List<Integer>> out = new ArrayList<>();
        List<Integer> block = new ArrayList<>();
        int used = head;
        for (int c = 0; c < t.cols().size(); c++) {
            int w = colWidth(t, c) + TextTable.GAP.length();
            if (!block.isEmpty() && used + w > MatrixText.WIDTH) {
                out.add(block);
                block = new ArrayList<>();
                used = head;
            }
            block.add(c);
            used += w;
        }
        if (!block.isEmpty()) {
            out.add(block);
        }
        return out;
    }

    private static String block(MatrixReport m, BindTables.Table t, List<Integer> cols, boolean colour) {
        int[] width = new int[cols.size() + 2];
        width[0] = t.rows().stream().mapToInt(a -> option(a).length()).max().orElse(0);
        width[0] = Math.max(width[0], "first".length());
        width[1] = Math.max("second:".length(), t.rows().stream().mapToInt(a -> a.address().length()).max().orElse(0));
        for (int i = 0; i < cols.size(); i++) {
            width[i + 2] = colWidth(t, cols.get(i));
        }
        TextTable table = new TextTable(width, colour);
        List<String> options = new ArrayList<>(List.of("", "second:"));
        List<String> addresses = new ArrayList<>(List.of("first", ""));
        for (int i = 0; i < cols.size(); i++) {
            Axis a = t.cols().get(cols.get(i));
            options.add(i > 0 && t.cols().get(cols.get(i - 1)).option().equals(a.option()) ? "" : option(a));
            addresses.add(a.address());
        }
        table.row(options).row(addresses).rule();
        for (int r = 0; r < t.rows().size(); r++) {
            Axis a = t.rows().get(r);
            boolean same = r > 0 && t.rows().get(r - 1).option().equals(a.option());
            List<String> line = new ArrayList<>(List.of(same ? "" : option(a), a.address()));
            List<String> codes = new ArrayList<>(java.util.Arrays.asList(null, null));
            for (int c : cols) {
                BindTables.Slot s = t.slot(r, c);
                line.add(cell(s));
                codes.add(Terminal.code(s.differs() ? "CONFLICT"
                        : s.cell() < 0 ? Summaries.NOT_RUN : m.getCells(s.cell()).getOutcome()));
            }
            table.row(line, codes);
        }
        return table.toString();
    }

    static String cell(BindTables.Slot s) {
        return s.scenarioId() == null ? "." : (s.differs() ? DIFFERS : "") + s.shown(SEP);
    }

    private static String option(Axis a) {
        return a.option().isEmpty() ? "-" : Summaries.abbreviate(a.option());
    }

    private static int colWidth(BindTables.Table t, int c) {
        int w = Math.max(option(t.cols().get(c)).length(), t.cols().get(c).address().length());
        for (int r = 0; r < t.rows().size(); r++) {
            w = Math.max(w, cell(t.slot(r, c)).length());
        }
        return w;
    }

    private static int rowHeadWidth(BindTables.Table t) {
        int o = Math.max("first".length(), t.rows().stream().mapToInt(a -> option(a).length()).max().orElse(0));
        int a = Math.max("second:".length(), t.rows().stream().mapToInt(x -> x.address().length()).max().orElse(0));
        return o + a + 2 * TextTable.GAP.length();
    }
}
