// Renders bind tables as GitHub Markdown to paste into an issue: one table per situation, the first socket down the
// side and the second across the top, cells where the two sides differ in bold; within an issue body's size limit.
package bindlab.coordinator.views;

import bindlab.coordinator.answers.ScenarioWords;
import bindlab.coordinator.report.MatrixMarkdown;
import bindlab.proto.v1.MatrixReport;
import java.util.ArrayList;
import java.util.List;

public final class BindTablesMarkdown {
    static final String SEP = " / ";
    /** A slot the catalog has no scenario for. */
    static final String NONE = "·";

    private BindTablesMarkdown() {
    }

    public static String render(MatrixReport m, List<BindTables.Table> tables) {
        StringBuilder out = new StringBuilder("### bindlab bind tables\n\n");
        String[] heading = Documents.heading(m, tables).split("\n");
        out.append(MatrixMarkdown.text(heading[0])).append("\n\n");
        for (int i = 1; i < heading.length; i++) {
            out.append("- ").append(MatrixMarkdown.text(heading[i].strip())).append('\n');
        }
        List<String> omitted = new ArrayList<>();
        for (BindTables.Table t : tables) {
            String section = table(t);
            if (out.length() + section.length() < MatrixMarkdown.BUDGET - 2000) {
                out.append(section);
            } else {
                omitted.add(t.situation().title() + " [" + t.subject() + "]");
            }
        }
        out.append('\n').append(legend(tables));
        if (!omitted.isEmpty()) {
            out.append("\nLeft out to stay within an issue's 65,536 characters: ").append(omitted.size())
                    .append(" table(s), from ").append(MatrixMarkdown.text(omitted.get(0)))
                    .append(". Narrow with `--scenarios GLOB` (e.g. `'conn/TIME_WAIT/**'`), or attach `report.html`.\n");
        }
        Documents.notes(m, tables).forEach(n -> out.append("\n**").append(MatrixMarkdown.text(n)).append("**\n"));
        return out.toString();
    }

    /** One situation: a heading naming it and the subject, then the grid. */
    static String table(BindTables.Table t) {
        StringBuilder s = new StringBuilder("\n#### ").append(MatrixMarkdown.text(t.situation().title())).append(" · ")
                .append(MatrixMarkdown.code(t.subject())).append("\n\n| first ↓ second → |");
        t.cols().forEach(c -> s.append(' ').append(heading(c)).append(" |"));
        s.append("\n|---|").append("---|".repeat(t.cols().size())).append('\n');
        for (int r = 0; r < t.rows().size(); r++) {
            s.append("| ").append(MatrixMarkdown.text(t.rows().get(r).words())).append(" |");
            for (int c = 0; c < t.cols().size(); c++) {
                s.append(' ').append(cell(t.slot(r, c))).append(" |");
            }
            s.append('\n');
        }
        return s.toString();
    }

    /** A column heading: the option over the address. */
    static String heading(Axis a) {
        return a.option().isEmpty() ? MatrixMarkdown.text(a.words())
                : MatrixMarkdown.text(ScenarioWords.option(a.option())) + "<br>"
                        + MatrixMarkdown.text(ScenarioWords.address(a.address()));
    }

    static String cell(BindTables.Slot s) {
        if (s.scenarioId() == null) {
            return NONE;
        }
        String text = MatrixMarkdown.text(s.shown(SEP));
        return s.differs() ? "**" + text + "**" : text;
    }

    private static String legend(List<BindTables.Table> tables) {
        String out = "Rows: the first socket's option and address; columns: the second socket's. " + NONE
                + ": no such scenario in the catalog. Options a host does not have are left out of its tables";
        if (tables.stream().anyMatch(t -> t.other() != null)) {
            out += "; in a comparison they show " + BindTables.LACKS + ". A cell shows \"first" + SEP
                    + "second\" where the sides say different things, **in bold** where both are measurements that"
                    + " disagree (or the measurement contradicts the claim)";
        }
        return out + ".\n";
    }
}
