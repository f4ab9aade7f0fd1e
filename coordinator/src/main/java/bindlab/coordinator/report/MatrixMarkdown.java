// Renders the matrix as GitHub Markdown to paste into an issue: the hosts, a table with one row per scenario group
// (outcome counts per host), then per-scenario tables in collapsed sections while they fit the issue body limit.
package bindlab.coordinator.report;

import bindlab.engine.Outcomes;
import bindlab.proto.v1.MatrixCell;
import bindlab.proto.v1.MatrixColumn;
import bindlab.proto.v1.MatrixReport;
import bindlab.proto.v1.MatrixRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class MatrixMarkdown {
    /** GitHub refuses an issue body or comment over 65,536 characters; leave room for the reporter's own words. */
    public static final int BUDGET = 60_000;
    static final List<String> OUTCOME_ORDER = Outcomes.ORDER;

    private MatrixMarkdown() {
    }

    public static String render(MatrixReport m) {
        Grid grid = Grid.of(m);
        StringBuilder out = new StringBuilder("### bindlab matrix\n\n");
        out.append(m.getColumnsCount()).append(" scenario(s) x ").append(m.getRowsCount()).append(" host(s), run(s) ")
                .append(String.join(", ", m.getRunIdsList().stream().map(MatrixMarkdown::code).toList())).append(".\n\n");
        out.append("| host | system |\n|---|---|\n");
        for (MatrixRow r : m.getRowsList()) {
            out.append("| ").append(code(r.getRow())).append(r.getUntrusted() ? " **UNTRUSTED** (failed a control)" : "")
                    .append(" | ").append(text(Summaries.identity(r))).append(" |\n");
        }
        Map<String, List<MatrixColumn>> groups = Grid.groups(m);
        out.append("\n#### By scenario group\n\n| group | scenarios |");
        m.getRowsList().forEach(r -> out.append(' ').append(code(r.getRow())).append(" |"));
        out.append("\n|---|---:|").append("---|".repeat(m.getRowsCount())).append('\n');
        for (Map.Entry<String, List<MatrixColumn>> g : groups.entrySet()) {
            out.append("| ").append(code(g.getKey())).append(" | ").append(g.getValue().size()).append(" |");
            for (MatrixRow r : m.getRowsList()) {
                out.append(' ').append(counts(grid, r, g.getValue())).append(" |");
            }
            out.append('\n');
        }
        out.append("\n#### Per scenario\n");
        List<String> omitted = new ArrayList<>();
        for (Map.Entry<String, List<MatrixColumn>> g : groups.entrySet()) {
            String section = section(grid, m, g.getKey(), g.getValue());
            if (out.length() + section.length() < BUDGET - 1000) {
                out.append(section);
            } else {
                omitted.add(code(g.getKey()) + " (" + g.getValue().size() + ")");
            }
        }
        if (!omitted.isEmpty()) {
            out.append("\nNot listed per scenario, to stay within an issue's 65,536 characters: ")
                    .append(String.join(", ", omitted))
                    .append(". Narrow with `bindlab matrix --format md --scenarios GLOB`, or attach `report.html`.\n");
        }
        out.append("\nn/m: n of m repeats gave the outcome. FLAKY: the repeats disagreed. CONFLICT: runs disagree for the"
                + " same host identity. UNTRUSTED: the host failed a control.\n");
        if (Summaries.anyWine(m)) {
            out.append("\n**").append(Families.WINE_NOTE).append("**\n");
        }
        if (Summaries.anyFixture(m)) {
            out.append("\n**").append(Summaries.FIXTURE_NOTE).append("**\n");
        }
        return out.toString();
    }

    private static String section(Grid grid, MatrixReport m, String group, List<MatrixColumn> cols) {
        StringBuilder s = new StringBuilder("\n<details><summary><code>").append(html(group)).append("</code>: ")
                .append(cols.size()).append(" scenario(s)</summary>\n\n| scenario |");
        m.getRowsList().forEach(r -> s.append(' ').append(code(r.getRow())).append(" |"));
        s.append("\n|---|").append("---|".repeat(m.getRowsCount())).append('\n');
        for (MatrixColumn c : cols) {
            s.append("| ").append(code(Columns.rest(c))).append(" |");
            for (MatrixRow r : m.getRowsList()) {
                MatrixCell cell = grid.get(r.getRow(), c.getScenarioId());
                s.append(' ').append(cell == null ? "_not run_"
                        : Summaries.cell(cell).replace(" CONFLICT", " **CONFLICT**")).append(" |");
            }
            s.append('\n');
        }
        return s.append("\n</details>\n").toString();
    }

    /** "OK 12, EADDRINUSE 3, NOT_APPLICABLE 5, FLAKY 1": the row's outcomes over a group. */
    private static String counts(Grid grid, MatrixRow r, List<MatrixColumn> cols) {
        Map<String, Integer> n = new LinkedHashMap<>();
        OUTCOME_ORDER.forEach(o -> n.put(o, 0));
        int flaky = 0;
        int conflicts = 0;
        for (MatrixColumn c : cols) {
            MatrixCell cell = grid.get(r.getRow(), c.getScenarioId());
            n.merge(cell == null ? Summaries.NOT_RUN : cell.getOutcome(), 1, Integer::sum);
            flaky += cell != null && cell.getFlaky() ? 1 : 0;
            conflicts += cell != null && cell.getConflict() ? 1 : 0;
        }
        List<String> parts = new ArrayList<>();
        n.forEach((o, k) -> {
            if (k > 0) {
                parts.add(o + " " + k);
            }
        });
        if (flaky > 0) {
            parts.add("FLAKY " + flaky);
        }
        if (conflicts > 0) {
            parts.add("**CONFLICT " + conflicts + "**");
        }
        return String.join(", ", parts); // outcome labels and numbers: nothing to escape
    }

    /** A code span; a pipe still needs its backslash inside a table, and a backtick cannot be escaped in one. */
    public static String code(String s) {
        return "`" + s.replace('`', '\'').replace("|", "\\|") + "`";
    }

    /** Plain text in a table cell: Markdown and HTML specials escaped ('_' only matters at word edges, so it stays). */
    public static String text(String s) {
        StringBuilder out = new StringBuilder();
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '\\', '|', '*', '`', '[', ']' -> out.append('\\').append(ch);
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\n', '\r' -> out.append(' ');
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
