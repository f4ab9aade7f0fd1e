// Renders the version timeline as GitHub Markdown: per OS family the findings as a numbered list, then a table with a
// row per finding and a column per known release, the change's span and bisect's pick marked.
package bindlab.coordinator.views;

import bindlab.coordinator.answers.ChangesText;
import bindlab.coordinator.report.MatrixMarkdown;
import java.util.List;
import java.util.Map;

public final class TimelineMarkdown {
    private TimelineMarkdown() {
    }

    public static String render(List<Timeline.Family> families, Map<String, Integer> leftOut) {
        StringBuilder out = new StringBuilder("### bindlab version timeline\n");
        for (Timeline.Family f : families) {
            out.append("\n#### ").append(MatrixMarkdown.text(f.family())).append("\n\n");
            if (!f.releaseTable()) {
                out.append("No release table for ").append(MatrixMarkdown.text(f.family()))
                        .append(": a column per tested version only.\n\n");
            }
            if (f.rows().isEmpty()) {
                out.append("No changes across ").append(f.columns().stream().filter(Timeline.Column::isTested).count())
                        .append(" tested version(s).\n");
                continue;
            }
            for (int k = 0; k < f.rows().size(); k++) {
                Timeline.Row r = f.rows().get(k);
                out.append(k + 1).append(". ").append(MatrixMarkdown.text(r.finding().sentence())).append(" — ")
                        .append(MatrixMarkdown.text(r.finding().range())).append("; ")
                        .append(MatrixMarkdown.text(r.bisect())).append('\n');
            }
            out.append('\n').append(table(f));
        }
        out.append('\n').append(MatrixMarkdown.text(TimelineWords.LEGEND)).append('\n');
        out.append('\n').append(MatrixMarkdown.text(ChangesText.leftOut(leftOut))).append('\n');
        TimelineWords.notes(families).forEach(n -> out.append("\n**").append(MatrixMarkdown.text(n)).append("**\n"));
        return out.toString();
    }

    static String table(Timeline.Family f) {
        StringBuilder s = new StringBuilder("| finding |");
        for (Timeline.Column c : f.columns()) {
            String head = MatrixMarkdown.text(TimelineWords.shortName(c)) + "<br>" + MatrixMarkdown.text(c.version());
            s.append(' ').append(c.isTested() ? "**" + head + "**<br>" + String.join(" ", c.tested().hosts().stream()
                    .map(MatrixMarkdown::code).toList()) : head).append(" |");
        }
        s.append("\n|---|").append("---|".repeat(f.columns().size())).append('\n');
        for (int k = 0; k < f.rows().size(); k++) {
            Timeline.Row r = f.rows().get(k);
            s.append("| ").append(k + 1).append(": ").append(MatrixMarkdown.text(TimelineWords.flip(r.finding())))
                    .append(" |");
            for (int i = 0; i < f.columns().size(); i++) {
                String v = MatrixMarkdown.text(TimelineWords.cell(r, i));
                s.append(' ').append(i == r.upper() || i == r.next() ? "**" + v + "**" : v).append(" |");
            }
            s.append('\n');
        }
        return s.toString();
    }
}
