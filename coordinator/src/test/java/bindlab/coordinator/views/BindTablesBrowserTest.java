// The bind-table view of the HTML report in a real browser (headless Chromium), for a real Linux lab store and the
// synthetic fixture-win* stores: every rendered cell shows the JSON matrix's outcome, every cell of the host is drawn
// once (unless its option is one the host lacks), and the cells marked as differing are the ones BindTables finds.
package bindlab.coordinator.views;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.coordinator.report.Browser;
import bindlab.coordinator.report.Fixtures;
import bindlab.coordinator.report.Matrix;
import bindlab.coordinator.report.MatrixJson;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.MatrixCell;
import bindlab.proto.v1.MatrixReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BindTablesBrowserTest {
    @TempDir
    Path tmp;

    @Test
    void aRealLinuxLabStoreAndACellsEvidenceOpenedFromItsTable() throws Exception {
        List<CellRecord> records = ViewFixtures.linuxLab(tmp);
        check(records, "target", null, null);
        MatrixReport m = Matrix.build(records);
        String scenario = "conn/TIME_WAIT/orphan/accepted/REUSEADDR>REUSEADDR/wild>wild/v4";
        int i = java.util.stream.IntStream.range(0, m.getCellsCount())
                .filter(k -> m.getCells(k).getScenarioId().equals(scenario)).findFirst().orElseThrow();
        String dom = Browser.dumpDom(tmp.resolve("report.html"), "#view=tables&host=target&cell=" + i);
        assertThat(Browser.tags(dom, "aside").get(0)).doesNotContainKey("hidden");
        assertThat(Browser.tags(dom, "td")).filteredOn(td -> String.valueOf(i).equals(td.get("data-index")))
                .singleElement().satisfies(td -> {
                    assertThat(td).containsKey("data-table-cell");
                    assertThat(td.get("class")).contains("selected");
                });
        String panel = dom.substring(dom.indexOf("<aside"), dom.indexOf("</aside>"));
        assertThat(panel).contains(scenario.replace(">", "&gt;")).contains("TCP rows before the probe (")
                .contains(">TIME_WAIT<");
    }

    @Test
    void theFixtureWindowsHostsOfTheMixedReportEachInTurn() throws Exception {
        List<CellRecord> records = Fixtures.mixed(); // a conflict, a flaky cell, an untrusted host, cells not run
        for (String host : List.of("fixture-win10", "fixture-win7")) {
            check(records, host, null, null);
        }
    }

    @Test
    void twoFixtureHostsSideBySideAndOneAgainstMicrosoftsTable() throws Exception {
        List<CellRecord> records = ViewFixtures.claimFleet();
        assertThat(check(records, "fixture-win7", "fixture-win10-3031", null))
                .containsExactlyInAnyOrderElementsOf(ViewFixtures.WIN10_DEPARTS.keySet());
        assertThat(check(records, "fixture-win10-3031", null, ViewFixtures.MSDN))
                .containsExactlyInAnyOrderElementsOf(ViewFixtures.WIN10_DEPARTS.keySet());
    }

    /** Renders the page opened on host's tables (against a host or a claim), checks it; returns the differing ids. */
    private Set<String> check(List<CellRecord> records, String host, String against, String claim) throws Exception {
        MatrixReport m = Matrix.build(records);
        MatrixReport json = MatrixJson.parse(MatrixJson.render(m)); // what `bindlab matrix --format json` prints
        Path html = tmp.resolve("report.html");
        Files.writeString(html, ReportPage.render(m, records));
        String dom = Browser.dumpDom(html, "#view=tables&host=" + host + (against == null ? "" : "&against=" + against)
                + (claim == null ? "" : "&claim=" + claim));
        assertThat(Browser.tags(dom, "body").get(0).get("data-rendered")).as("the page's script ran to its end")
                .isEqualTo(String.valueOf(json.getCellsCount()));
        Map<String, MatrixCell> byKey = new HashMap<>();
        json.getCellsList().forEach(c -> byKey.put(c.getRow() + " | " + c.getScenarioId(), c));
        Map<String, Integer> drawn = new HashMap<>();
        Set<String> differing = new HashSet<>();
        List<String> wrong = new ArrayList<>();
        for (Map<String, String> td : Browser.tags(dom, "td")) {
            if (!td.containsKey("data-table-cell")) {
                continue;
            }
            String key = td.get("data-host") + " | " + td.get("data-scenario");
            MatrixCell c = byKey.get(key);
            if (td.containsKey("data-notrun")) {
                if (c != null) {
                    wrong.add(key + ": drawn as not run, JSON " + c.getOutcome());
                }
                continue;
            }
            drawn.merge(key, 1, Integer::sum);
            if (c == null || !c.getOutcome().equals(td.get("data-outcome"))) {
                wrong.add(key + ": page " + td.get("data-outcome") + ", JSON " + (c == null ? "no cell" : c.getOutcome()));
            }
            if (td.containsKey("data-differs") && td.get("data-host").equals(host)) {
                differing.add(td.get("data-scenario"));
            }
        }
        assertThat(wrong).as("table cells whose outcome differs from the JSON").isEmpty();
        assertEveryCellDrawnOnce(json, host, drawn);
        if (against != null) {
            assertEveryCellDrawnOnce(json, against, drawn);
        }
        List<BindTables.Table> expected = claim != null ? BindTables.againstClaim(m, host, ViewFixtures.msdn())
                : against != null ? BindTables.compare(m, host, against) : BindTables.forHost(m, host);
        assertThat(differing).as("cells marked as differing").isEqualTo(differingIds(expected));
        return differing;
    }

    /** Every cell of the row in a scenario with a second socket is drawn once, unless its option is one it lacks. */
    private static void assertEveryCellDrawnOnce(MatrixReport json, String row, Map<String, Integer> drawn) {
        Set<String> unplaced = new HashSet<>(Situation.all(json.getColumnsList()).unplaced());
        for (MatrixCell c : json.getCellsList()) {
            if (!c.getRow().equals(row) || unplaced.contains(c.getScenarioId())) {
                continue;
            }
            Integer n = drawn.get(row + " | " + c.getScenarioId());
            if (n == null) {
                assertThat(c.getOutcome()).as("not drawn: %s %s", row, c.getScenarioId()).isEqualTo("NOT_APPLICABLE");
            } else {
                assertThat(n).as("drawn %d times: %s %s", n, row, c.getScenarioId()).isEqualTo(1);
            }
        }
    }

    private static Set<String> differingIds(List<BindTables.Table> tables) {
        Set<String> out = new HashSet<>();
        tables.forEach(t -> {
            for (BindTables.Slot[] line : t.slots()) {
                for (BindTables.Slot s : line) {
                    if (s.differs()) {
                        out.add(s.scenarioId());
                    }
                }
            }
        });
        return out;
    }
}
