// Renders the matrix for a terminal within 120 columns. Many scenarios and few hosts (the usual case): one line per
// scenario under its group heading, hosts as columns, split into blocks of hosts when they do not fit side by side.
// Few scenarios and many hosts: one line per host, numbered scenario columns and a legend of their ids.
package bindlab.coordinator.report;

import bindlab.proto.v1.MatrixCell;
import bindlab.proto.v1.MatrixColumn;
import bindlab.proto.v1.MatrixReport;
import bindlab.proto.v1.MatrixRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

public final class MatrixText {
    public static final int WIDTH = 120;
    static final int MAX_CELL = 30;
    static final int MIN_ID = 36;
    static final int MAX_STATES = 34;

    private final MatrixReport m;
    private final Grid grid;
    private final boolean colour;
    private final StringBuilder out = new StringBuilder();
    private boolean abbreviated;

    private MatrixText(MatrixReport m, boolean colour) {
        this.m = m;
        this.grid = Grid.of(m);
        this.colour = colour;
    }

    public static String render(MatrixReport m) {
        return render(m, false);
    }

    /** colour: ANSI colours by outcome (see Terminal.colours() for when a caller should ask for them). */
    public static String render(MatrixReport m, boolean colour) {
        MatrixText t = new MatrixText(m, colour);
        t.header();
        if (m.getColumnsCount() >= m.getRowsCount()) {
            t.scenarioLines();
        } else {
            t.hostLines();
        }
        t.legend();
        return t.out.toString();
    }

    /** Kept for callers of the first version: the cell's short summary. */
    static String summary(MatrixCell c) {
        return Summaries.cell(c);
    }

    private void header() {
        out.append(TextTable.fit(String.format("matrix: %d scenario(s) x %d host(s), run(s) %s", m.getColumnsCount(),
                m.getRowsCount(), String.join(", ", m.getRunIdsList())), WIDTH)).append('\n');
        int w = m.getRowsList().stream().mapToInt(r -> r.getRow().length()).max().orElse(0);
        for (MatrixRow r : m.getRowsList()) {
            String line = "  " + pad(r.getRow(), w) + "  " + (r.getUntrusted() ? "UNTRUSTED (failed a control), " : "")
                    + Summaries.identity(r);
            out.append(TextTable.fit(line, WIDTH)).append('\n');
        }
        out.append('\n');
    }

    private void scenarioLines() {
        List<MatrixRow> rows = m.getRowsList();
        int[] hostWidth = new int[rows.size()];
        int statesNeeded = 0;
        for (int i = 0; i < rows.size(); i++) {
            int w = Math.max(rows.get(i).getRow().length(), Summaries.NOT_RUN.length());
            for (MatrixColumn c : m.getColumnsList()) {
                MatrixCell cell = grid.get(rows.get(i).getRow(), c.getScenarioId());
                if (cell != null) {
                    w = Math.max(w, Summaries.cell(cell).length());
                    statesNeeded = Math.max(statesNeeded, Summaries.states(cell).length());
                }
            }
            hostWidth[i] = Math.min(w, MAX_CELL);
        }
        List<List<Integer>> blocks = hostBlocks(hostWidth);
        for (List<Integer> block : blocks) {
            if (blocks.size() > 1) {
                out.append(String.format("hosts %d-%d of %d:%n", block.get(0) + 1, block.get(block.size() - 1) + 1,
                        rows.size()));
            }
            scenarioBlock(block, hostWidth, block.size() == 1 ? Math.min(statesNeeded, MAX_STATES) : 0);
            out.append('\n');
        }
    }

    /** Hosts that fit beside an id column of at least MIN_ID, greedily, one host at least per block. */
    private static List<List<Integer>> hostBlocks(int[] hostWidth) {
        List<List<Integer>> blocks = new ArrayList<>();
        List<Integer> block = new ArrayList<>();
        int used = MIN_ID;
        for (int i = 0; i < hostWidth.length; i++) {
            if (!block.isEmpty() && used + TextTable.GAP.length() + hostWidth[i] > WIDTH) {
                blocks.add(block);
                block = new ArrayList<>();
                used = MIN_ID;
            }
            block.add(i);
            used += TextTable.GAP.length() + hostWidth[i];
        }
        if (!block.isEmpty()) {
            blocks.add(block);
        }
        return blocks;
    }

    private void scenarioBlock(List<Integer> block, int[] hostWidth, int statesWant) {
        int hosts = block.stream().mapToInt(i -> hostWidth[i] + TextTable.GAP.length()).sum();
        int idNeeded = "scenario".length();
        for (MatrixColumn c : m.getColumnsList()) {
            idNeeded = Math.max(idNeeded, 2 + Columns.rest(c).length());
        }
        int room = WIDTH - hosts - (statesWant > 0 ? statesWant + TextTable.GAP.length() : 0);
        int idWidth = Math.max(Math.min(idNeeded, room), Math.min(idNeeded, MIN_ID));
        int statesWidth = statesWant > 0 ? WIDTH - hosts - idWidth - TextTable.GAP.length() : 0;
        statesWidth = Math.min(statesWidth, statesWant);
        boolean states = statesWidth >= 8;
        boolean shorten = idNeeded > idWidth;
        abbreviated |= shorten;

        int[] width = new int[1 + block.size() + (states ? 1 : 0)];
        width[0] = idWidth;
        for (int j = 0; j < block.size(); j++) {
            width[1 + j] = hostWidth[block.get(j)];
        }
        if (states) {
            width[width.length - 1] = statesWidth;
        }
        TextTable t = new TextTable(width, colour);
        List<String> head = new ArrayList<>(List.of("scenario"));
        List<String> marks = new ArrayList<>(List.of(""));
        for (int i : block) {
            head.add(m.getRows(i).getRow());
            marks.add(m.getRows(i).getUntrusted() ? "UNTRUSTED" : "");
        }
        if (states) {
            head.add("state before -> after");
        }
        t.row(head);
        if (marks.stream().anyMatch(s -> !s.isEmpty())) {
            t.row(marks, marks.stream().map(s -> s.isEmpty() ? null : "\u001b[1;31m").toList());
        }
        t.rule();
        for (Map.Entry<String, List<MatrixColumn>> g : Grid.groups(m).entrySet()) {
            t.line(g.getKey().equals(Columns.OTHER) ? "other (not in the built-in catalog):" : g.getKey() + "/");
            for (MatrixColumn c : g.getValue()) {
                String rest = shorten ? Summaries.abbreviate(Columns.rest(c)) : Columns.rest(c);
                List<String> line = new ArrayList<>(List.of("  " + rest));
                List<String> codes = new ArrayList<>();
                codes.add(null);
                MatrixCell only = null;
                for (int i : block) {
                    MatrixCell cell = grid.get(m.getRows(i).getRow(), c.getScenarioId());
                    line.add(cell == null ? Summaries.NOT_RUN : Summaries.cell(cell));
                    codes.add(Terminal.code(cell == null ? Summaries.NOT_RUN
                            : cell.getConflict() ? "CONFLICT" : cell.getOutcome()));
                    only = cell;
                }
                if (states) {
                    line.add(only == null ? "" : Summaries.states(only));
                }
                t.row(line, codes);
            }
        }
        out.append(t);
    }

    /** Few scenarios, many hosts: hosts down, scenarios across as [1], [2], ... with a legend of their ids. */
    private void hostLines() {
        List<MatrixColumn> cols = m.getColumnsList();
        int first = "host".length();
        for (MatrixRow r : m.getRowsList()) {
            first = Math.max(first, hostLabel(r).length());
        }
        first = Math.min(first, 40);
        int[] colWidth = new int[cols.size()];
        for (int j = 0; j < cols.size(); j++) {
            int w = Math.max(("[" + (j + 1) + "]").length(), Summaries.NOT_RUN.length());
            for (MatrixRow r : m.getRowsList()) {
                MatrixCell cell = grid.get(r.getRow(), cols.get(j).getScenarioId());
                w = Math.max(w, cell == null ? 0 : Summaries.cell(cell).length());
            }
            colWidth[j] = Math.min(w, MAX_CELL);
        }
        int j = 0;
        while (j < cols.size()) {
            int used = first;
            int end = j;
            while (end < cols.size() && (end == j || used + TextTable.GAP.length() + colWidth[end] <= WIDTH)) {
                used += TextTable.GAP.length() + colWidth[end++];
            }
            int[] width = new int[1 + end - j];
            width[0] = first;
            List<String> head = new ArrayList<>(List.of("host"));
            for (int k = j; k < end; k++) {
                width[1 + k - j] = colWidth[k];
                head.add("[" + (k + 1) + "]");
            }
            TextTable t = new TextTable(width, colour).row(head).rule();
            for (MatrixRow r : m.getRowsList()) {
                List<String> line = new ArrayList<>(List.of(hostLabel(r)));
                List<String> codes = new ArrayList<>();
                codes.add(null);
                for (int k = j; k < end; k++) {
                    MatrixCell cell = grid.get(r.getRow(), cols.get(k).getScenarioId());
                    line.add(cell == null ? Summaries.NOT_RUN : Summaries.cell(cell));
                    codes.add(Terminal.code(cell == null ? Summaries.NOT_RUN
                            : cell.getConflict() ? "CONFLICT" : cell.getOutcome()));
                }
                t.row(line, codes);
            }
            out.append(t).append('\n');
            j = end;
        }
        for (int k = 0; k < cols.size(); k++) {
            String id = "[" + (k + 1) + "] " + cols.get(k).getScenarioId();
            if (id.length() > WIDTH) {
                id = Summaries.abbreviate(id);
                abbreviated = true;
            }
            out.append(TextTable.fit(id, WIDTH)).append('\n');
        }
        out.append('\n');
    }

    private static String hostLabel(MatrixRow r) {
        return r.getRow() + (r.getUntrusted() ? " UNTRUSTED" : "");
    }

    private void legend() {
        List<String> notes = new ArrayList<>();
        if (m.getCellsList().stream().anyMatch(MatrixCell::getFlaky)) {
            notes.add("FLAKY: the repeats of a cell disagreed (n/m: n of m repeats gave the outcome shown).");
        }
        if (m.getCellsList().stream().anyMatch(MatrixCell::getConflict)) {
            notes.add("CONFLICT: runs of these stores disagree for the same host identity; --format json lists each.");
        }
        if (m.getRowsList().stream().anyMatch(MatrixRow::getUntrusted)) {
            notes.add("UNTRUSTED: the host failed a control scenario; do not believe its cells.");
        }
        if (abbreviated) {
            notes.add("Abbreviated: " + Summaries.ABBREVIATION_LEGEND + ".");
        }
        if (Summaries.anyWine(m)) {
            notes.add(Families.WINE_NOTE);
        }
        if (Summaries.anyFixture(m)) {
            notes.add(Summaries.FIXTURE_NOTE);
        }
        notes.forEach(n -> out.append(TextTable.fit(n, WIDTH)).append('\n'));
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }

    /** A plain table, columns padded to their widest value and a rule under the first row (used by fleet status). */
    public static String layout(List<List<String>> table) {
        int cols = table.get(0).size();
        int[] width = new int[cols];
        for (List<String> row : table) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        TextTable t = new TextTable(width, false);
        t.row(table.get(0)).rule();
        table.subList(1, table.size()).forEach(t::row);
        return t.toString();
    }
}
