// Renders the version timeline as one self-contained, static HTML page (no script needed): per OS family a table
// with a row per finding and a column per known release, cells coloured by outcome, the change's span hatched, its
// boundary drawn as a thick edge, bisect's pick marked. Each cell names its version, outcome and boundary in data-*.
package bindlab.coordinator.views;

import bindlab.coordinator.answers.ChangesText;
import bindlab.coordinator.report.MatrixHtml;
import java.util.List;
import java.util.Map;

public final class TimelineHtml {
    static final String TEMPLATE = "timeline.html";

    private TimelineHtml() {
    }

    public static String render(List<Timeline.Family> families, Map<String, Integer> leftOut) {
        StringBuilder body = new StringBuilder();
        TimelineWords.notes(families).forEach(n -> body.append("<p class=\"note\">").append(esc(n.toUpperCase()))
                .append("</p>\n"));
        families.forEach(f -> body.append(family(f)));
        body.append("<p class=\"legend\">").append(esc(TimelineWords.LEGEND)).append("</p>\n<p class=\"muted\">")
                .append(esc(ChangesText.leftOut(leftOut))).append("</p>\n");
        return MatrixHtml.fill(TimelineHtml.class, TEMPLATE, Map.of("TITLE", "bindlab version timeline", "BODY",
                body.toString()));
    }

    private static String family(Timeline.Family f) {
        StringBuilder s = new StringBuilder("<section data-family=\"").append(esc(f.family())).append("\">\n<h2>")
                .append(esc(f.family())).append("</h2>\n");
        if (!f.releaseTable()) {
            s.append("<p class=\"muted\">No release table for ").append(esc(f.family()))
                    .append(": a column per tested version only.</p>\n");
        }
        if (f.rows().isEmpty()) {
            return s.append("<p>No changes across ").append(f.columns().stream().filter(Timeline.Column::isTested)
                    .count()).append(" tested version(s).</p>\n</section>\n").toString();
        }
        s.append("<div class=\"scroll\"><table class=\"timeline\">\n<thead><tr><th class=\"finding\">finding</th>");
        for (Timeline.Column c : f.columns()) {
            s.append("<th class=\"").append(c.isTested() ? "tested" : "untested").append("\" data-version=\"")
                    .append(esc(c.version())).append("\" title=\"").append(esc(c.name())).append("\">")
                    .append(esc(TimelineWords.shortName(c))).append("<br><span class=\"v\">").append(esc(c.version()))
                    .append("</span>");
            if (c.isTested()) {
                s.append("<br><span class=\"hosts\">").append(esc(String.join(" ", c.tested().hosts()))).append("</span>");
            }
            s.append("</th>");
        }
        s.append("</tr></thead>\n<tbody>\n");
        for (int k = 0; k < f.rows().size(); k++) {
            s.append(row(f, f.rows().get(k), k));
        }
        return s.append("</tbody></table></div>\n</section>\n").toString();
    }

    private static String row(Timeline.Family f, Timeline.Row r, int k) {
        StringBuilder s = new StringBuilder("<tr data-finding=\"").append(k).append("\"><th class=\"finding\"><b>")
                .append(k + 1).append(". ").append(esc(TimelineWords.flip(r.finding()))).append("</b> ")
                .append(esc(r.finding().sentence())).append("<br><span class=\"muted\">")
                .append(esc(r.finding().range())).append("; ").append(esc(r.bisect())).append("</span><details><summary>")
                .append(r.finding().scenarioIds().size()).append(" scenario(s)</summary>")
                .append(esc(String.join("\n", r.finding().scenarioIds()))).append("</details></th>");
        for (int i = 0; i < f.columns().size(); i++) {
            String value = r.cells().get(i);
            String boundary = TimelineWords.boundary(r, i);
            s.append("<td class=\"").append(cssClass(r, i)).append("\" data-version=\"")
                    .append(esc(f.columns().get(i).version())).append("\" data-outcome=\"").append(esc(value)).append('"');
            if (!boundary.isEmpty()) {
                s.append(" data-boundary=\"").append(boundary).append('"');
            }
            s.append('>').append(esc(TimelineWords.cell(r, i))).append("</td>");
        }
        return s.append("</tr>\n").toString();
    }

    private static String cssClass(Timeline.Row r, int i) {
        String v = r.cells().get(i);
        String base = v.isEmpty() ? (i == r.next() ? "untested next" : r.inGap(i) ? "untested gap" : "untested")
                : v.equals(Timeline.NO_ANSWER) ? "noanswer" : v.contains("/") ? "mixed" : "o-" + v.replaceAll("\\(.*", "");
        String edge = i == r.lower() ? " lower" : i == r.upper() ? " upper" : "";
        return base + edge;
    }

    private static String esc(String s) {
        return MatrixHtml.escapeHtml(s);
    }
}
