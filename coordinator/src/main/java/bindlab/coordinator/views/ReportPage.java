// The HTML report: the matrix page (report/MatrixHtml) with the bind tables' layout, each cell's brief words and
// comparison value, and the claims' expectations embedded once, for the page's "bind tables" view to draw.
package bindlab.coordinator.views;

import bindlab.coordinator.answers.CellUse;
import bindlab.coordinator.answers.Claim;
import bindlab.coordinator.answers.ClaimCheck;
import bindlab.coordinator.answers.ClaimsFile;
import bindlab.coordinator.answers.ScenarioWords;
import bindlab.coordinator.report.MatrixHtml;
import bindlab.coordinator.report.Summaries;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.MatrixCell;
import bindlab.proto.v1.MatrixReport;
import bindlab.proto.v1.MatrixRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public final class ReportPage {
    /** Where the page opens: view "list" or "tables", and in tables a host and what to compare it with (or nulls). */
    public record Start(String view, String host, String against, String claim) {
        public static final Start LIST = new Start("list", null, null, null);
    }

    private ReportPage() {
    }

    /** The page of a run: the list first, the built-in claims to compare with. */
    public static String render(MatrixReport m, List<CellRecord> records) {
        return render(m, records, Start.LIST, ClaimsFile.builtIn());
    }

    public static String render(MatrixReport m, List<CellRecord> records, Start start, List<Claim> claims) {
        return MatrixHtml.render(m, records, views(m, start, claims));
    }

    /**
     * {"start": Start, "briefs": [Summaries.brief per cell], "compare": [CellUse.observed of a comparable cell, else
     * "", per cell], "lacks": {row: [option sets it lacks]}, "situations": [{"key", "title", "rows": [[option,
     * address, option in words, address in words]], "cols": [...], "slots": [[column index or -1 per column] per
     * row]}], "unplaced": n,
     * "claims": [{"id", "title", "source", "scope": {row: "" or why not}, "cells": {cell index: [expected, differs]}}]}.
     */
    static String views(MatrixReport m, Start start, List<Claim> claims) {
        Cells cells = Cells.of(m);
        Json out = new Json().open();
        out.key("start").open().key("view").str(start.view()).key("host").str(start.host()).key("against")
                .str(start.against()).key("claim").str(start.claim()).close();
        out.key("briefs").list(m.getCellsList(), (o, c) -> o.str(Summaries.brief(c)));
        out.key("compare").list(m.getCellsList(), (o, c) -> o.str(BindTables.comparable(c)
                ? CellUse.observed(c) : ""));
        out.key("lacks").open();
        m.getRowsList().forEach(r -> out.key(r.getRow()).list(new ArrayList<>(cells.lacks(r.getRow())), Json::str));
        out.close();
        Situation.Layout layout = Situation.all(m.getColumnsList());
        Map<String, Integer> column = new HashMap<>();
        m.getColumnsList().forEach(c -> column.put(c.getScenarioId(), column.size()));
        out.key("situations").list(layout.situations(), (o, s) -> situation(o, s, column));
        out.key("unplaced").num(layout.unplaced().size());
        java.util.NavigableSet<String> ids = new java.util.TreeSet<>(column.keySet()); // sorted once for every claim
        out.key("claims").list(claims, (o, c) -> claim(o, c, m, cells, ids));
        return out.close().toString();
    }

    private static void situation(Json o, Situation s, Map<String, Integer> column) {
        o.open().key("key").str(s.key()).key("title").str(s.title());
        o.key("rows").list(s.rows(), ReportPage::axis).key("cols").list(s.cols(), ReportPage::axis);
        o.key("slots").list(s.rows(), (line, r) -> line.list(s.cols(), (x, c) -> {
            String id = s.scenario(r, c);
            x.num(id == null ? -1 : column.get(id));
        }));
        o.close();
    }

    private static void axis(Json o, Axis a) {
        o.list(List.of(a.option(), a.address(), a.option().isEmpty() ? "" : ScenarioWords.option(a.option()),
                ScenarioWords.address(a.address())), Json::str);
    }

    /** A claim with its scope per row and, for every cell in scope that it has an expectation for, the verdict. */
    private static void claim(Json o, Claim claim, MatrixReport m, Cells cells, java.util.NavigableSet<String> ids) {
        o.open().key("id").str(claim.id()).key("title").str(claim.title()).key("source").str(claim.source());
        Map<String, String> scope = new HashMap<>();
        o.key("scope").open();
        for (MatrixRow r : m.getRowsList()) {
            String why = ClaimCheck.outOfScope(claim, r.getIdentity());
            scope.put(r.getRow(), why == null ? "" : why);
            o.key(r.getRow()).str(scope.get(r.getRow()));
        }
        o.close().key("cells").open();
        Map<String, List<Claim.Expectation>> expected = ClaimCheck.expectations(claim, ids);
        for (int i = 0; i < m.getCellsCount(); i++) {
            MatrixCell c = m.getCells(i);
            List<Claim.Expectation> es = expected.get(c.getScenarioId());
            if (es != null && scope.get(c.getRow()).isEmpty()) {
                boolean differs = BindTables.comparable(c) && es.stream().anyMatch(e -> !ClaimCheck.agrees(e, c));
                String text = String.join(" & ", es.stream().map(Claim.Expectation::expected).distinct().toList());
                o.key(String.valueOf(i)).list(List.of(text, differs ? "1" : ""), Json::str);
            }
        }
        o.close().close();
    }
}
