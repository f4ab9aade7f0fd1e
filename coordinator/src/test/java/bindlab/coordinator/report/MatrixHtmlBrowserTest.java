// The HTML report in a real browser (headless Chromium): the grid it draws matches the JSON matrix cell for cell,
// and a cell's evidence panel shows the record behind it.
package bindlab.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.coordinator.views.ReportPage;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.MatrixReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatrixHtmlBrowserTest {
    @TempDir
    Path dir;

    @Test
    void renderedCellsMatchTheJsonAndAPanelShowsEvidence() throws Exception {
        List<CellRecord> records = Fixtures.mixed();
        MatrixReport m = Matrix.build(records);
        Path html = dir.resolve("report.html");
        Files.writeString(html, ReportPage.render(m, records));
        MatrixReport json = MatrixJson.parse(MatrixJson.render(m)); // what `bindlab matrix --format json` prints

        String grid = Browser.dumpDom(html, "");
        Browser.assertGridMatches(grid, json);
        assertThat(grid).contains(Summaries.FIXTURE_NOTE.toUpperCase());

        int tw = index(json, "target", "conn/TIME_WAIT/open/accepted/none>none/wild>wild/v4");
        String dom = Browser.dumpDom(html, "#cell=" + tw);
        Map<String, String> panel = Browser.tags(dom, "aside").get(0);
        assertThat(panel).doesNotContainKey("hidden");
        String text = dom.substring(dom.indexOf("<aside"), dom.indexOf("</aside>"));
        assertThat(text).contains("conn/TIME_WAIT/open/accepted/none&gt;none/wild&gt;wild/v4")
                .contains("EADDRINUSE(98) 1/1").contains("TCP rows before the probe (1 row(s))")
                .contains(">TIME_WAIT<").contains("target: probe bind L2 wildcard4:$PORT")
                .contains("run " + Fixtures.REAL_RUN + ", repeat 1, attempt 1: EADDRINUSE");

        int conflict = index(json, "fixture-win10", "seed/TIME_WAIT/none>none");
        text = Browser.dumpDom(html, "#cell=" + conflict);
        assertThat(text).contains("CONFLICT: the runs disagree").contains("20250101T000000Z").contains("20250202T000000Z");
    }

    private static int index(MatrixReport m, String row, String scenario) {
        for (int i = 0; i < m.getCellsCount(); i++) {
            if (m.getCells(i).getRow().equals(row) && m.getCells(i).getScenarioId().equals(scenario)) {
                return i;
            }
        }
        throw new AssertionError("no cell " + row + " / " + scenario);
    }
}
