// Bind tables without a browser: the whole catalog fits in tables with no two scenarios on one slot, options a host
// lacks are left out, comparisons mark exactly the differing cells, Markdown tables have the shape of the grid, and
// text stays within 120 columns.
package bindlab.coordinator.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bindlab.coordinator.report.Columns;
import bindlab.coordinator.report.Fixtures;
import bindlab.coordinator.report.Matrix;
import bindlab.coordinator.report.MatrixText;
import bindlab.coordinator.report.Summaries;
import bindlab.engine.scenario.Catalog;
import bindlab.proto.v1.MatrixCell;
import bindlab.proto.v1.MatrixReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BindTablesTest {
    @TempDir
    Path tmp;

    @Test
    void theWholeCatalogFitsInTablesWithoutTwoScenariosOnOneSlot() {
        var columns = Columns.of(Catalog.ids(Catalog.FULL));
        Situation.Layout layout = Situation.all(columns);
        // only the controls have no second socket; a new dimension the catalog adds must not put two ids on a slot
        assertThat(layout.unplaced()).allMatch(id -> id.startsWith("control/"));
        assertThat(layout.situations().stream().mapToInt(s -> s.scenarios().size()).sum() + layout.unplaced().size())
                .isEqualTo(columns.size());
        Situation listen = layout.situations().stream()
                .filter(s -> s.key().equals("listen family=v4 handle=open lingering=listening state=LISTEN user=same"))
                .findFirst().orElseThrow();
        assertThat(listen.rows()).extracting(Axis::option).containsExactly("none", "none", "REUSEADDR", "REUSEADDR",
                "EXCLUSIVEADDRUSE", "EXCLUSIVEADDRUSE", "REUSEPORT", "REUSEPORT", "REUSEADDR+EXCLUSIVEADDRUSE",
                "REUSEADDR+EXCLUSIVEADDRUSE");
        assertThat(listen.cols()).extracting(Axis::address).startsWith("wild", "spec");
        assertThat(listen.title()).isEqualTo("Over an open listener, IPv4");
    }

    @Test
    void optionsAHostLacksAreLeftOutOfItsTables() throws Exception {
        MatrixReport linux = Matrix.build(ViewFixtures.linuxLab(tmp));
        List<BindTables.Table> tables = BindTables.forHost(linux, "target");
        assertThat(tables).isNotEmpty();
        assertThat(axes(tables)).contains("REUSEPORT").doesNotContain("EXCLUSIVEADDRUSE");
        MatrixReport win = Matrix.build(ViewFixtures.claimFleet());
        List<BindTables.Table> winTables = BindTables.forHost(win, "fixture-win7");
        assertThat(axes(winTables)).contains("EXCLUSIVEADDRUSE").doesNotContain("REUSEPORT");
        assertThat(winTables).singleElement().satisfies(t -> {
            assertThat(t.rows()).hasSize(6);
            assertThat(t.cols()).hasSize(6);
        });
    }

    @Test
    void everyCellIsInItsHostsTablesOnceUnlessItsOptionIsLacking() throws Exception {
        List<MatrixReport> reports = List.of(Matrix.build(ViewFixtures.linuxLab(tmp)), Matrix.build(Fixtures.mixed()),
                Matrix.build(ViewFixtures.claimFleet()));
        for (MatrixReport m : reports) {
            Set<String> unplaced = new TreeSet<>(Situation.all(m.getColumnsList()).unplaced());
            for (var row : m.getRowsList()) {
                Map<String, Integer> shown = new HashMap<>();
                for (BindTables.Table t : BindTables.forHost(m, row.getRow())) {
                    for (BindTables.Slot[] line : t.slots()) {
                        for (BindTables.Slot s : line) {
                            if (s.cell() >= 0) {
                                shown.merge(m.getCells(s.cell()).getScenarioId(), 1, Integer::sum);
                                assertThat(s.text()).isEqualTo(Summaries.brief(m.getCells(s.cell())));
                            }
                        }
                    }
                }
                for (MatrixCell c : m.getCellsList()) {
                    if (!c.getRow().equals(row.getRow()) || unplaced.contains(c.getScenarioId())) {
                        continue;
                    }
                    Integer n = shown.get(c.getScenarioId());
                    if (n == null) {
                        assertThat(c.getOutcome()).as("left out of %s's tables: %s", c.getRow(), c.getScenarioId())
                                .isEqualTo("NOT_APPLICABLE");
                    } else {
                        assertThat(n).as(c.getScenarioId()).isEqualTo(1);
                    }
                }
            }
        }
    }

    @Test
    void twoHostsDifferInExactlyTheChangedCells() {
        MatrixReport m = Matrix.build(ViewFixtures.claimFleet());
        List<BindTables.Table> tables = BindTables.compare(m, "fixture-win7", "fixture-win10-3031");
        assertThat(differing(tables)).containsExactlyInAnyOrderElementsOf(ViewFixtures.WIN10_DEPARTS.keySet());
        BindTables.Slot s = slot(tables, "bound/none>none/wild>spec/v4");
        assertThat(s.shown(" / ")).isEqualTo("OK / bind:EADDRINUSE(10048)");
        assertThat(BindTables.compare(m, "fixture-win7", "fixture-win7").stream().mapToInt(BindTables.Table::differing)
                .sum()).isZero();
    }

    @Test
    void aHostAgainstMicrosoftsTable() throws Exception {
        MatrixReport m = Matrix.build(ViewFixtures.claimFleet());
        assertThat(differing(BindTables.againstClaim(m, "fixture-win7", ViewFixtures.msdn()))).isEmpty();
        List<BindTables.Table> win10 = BindTables.againstClaim(m, "fixture-win10-3031", ViewFixtures.msdn());
        assertThat(differing(win10)).containsExactlyInAnyOrderElementsOf(ViewFixtures.WIN10_DEPARTS.keySet());
        assertThat(slot(win10, "bound/EXCLUSIVEADDRUSE>none/wild>wild/v4").shown(" / "))
                .isEqualTo("bind:EACCES(10013) / claim: bind:EADDRINUSE");
        assertThat(slot(win10, "bound/none>none/wild>wild/v4").shown(" / ")).isEqualTo("bind:EADDRINUSE(10048)");
        MatrixReport linux = Matrix.build(ViewFixtures.linuxLab(tmp));
        assertThatThrownBy(() -> BindTables.againstClaim(linux, "target", ViewFixtures.msdn()))
                .hasMessageContaining("the host runs linux; the claim is about windows");
    }

    @Test
    void markdownHasOneTablePerSituationInTheGridsShapeWithDifferingCellsInBold() throws Exception {
        MatrixReport m = Matrix.build(ViewFixtures.claimFleet());
        for (List<BindTables.Table> tables : List.of(BindTables.compare(m, "fixture-win7", "fixture-win10-3031"),
                BindTables.againstClaim(m, "fixture-win10-3031", ViewFixtures.msdn()),
                BindTables.select(Matrix.build(ViewFixtures.linuxLab(tmp)), null, null, null))) {
            String md = BindTablesMarkdown.render(m, tables);
            List<List<List<String>>> parsed = MarkdownTables.parse(md);
            assertThat(parsed).hasSize(tables.size());
            int bold = 0;
            for (int k = 0; k < tables.size(); k++) {
                BindTables.Table t = tables.get(k);
                List<List<String>> rows = parsed.get(k);
                assertThat(rows).hasSize(t.rows().size() + 2); // header, separator, a line per first-socket heading
                assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(t.cols().size() + 1));
                for (int r = 0; r < t.rows().size(); r++) {
                    assertThat(rows.get(r + 2).get(0)).isEqualTo(t.rows().get(r).words());
                    for (int c = 0; c < t.cols().size(); c++) {
                        String cell = rows.get(r + 2).get(c + 1);
                        bold += cell.startsWith("**") ? 1 : 0;
                        assertThat(cell.startsWith("**")).isEqualTo(t.slot(r, c).differs());
                    }
                }
            }
            assertThat(bold).isEqualTo(tables.stream().mapToInt(BindTables.Table::differing).sum());
            assertThat(md.length()).isLessThan(65_536);
        }
    }

    @Test
    void textStaysWithin120ColumnsAndMarksDifferingCells() throws Exception {
        MatrixReport m = Matrix.build(ViewFixtures.claimFleet());
        String text = BindTablesText.render(m, BindTables.compare(m, "fixture-win7", "fixture-win10-3031"), false);
        assertThat(text.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(MatrixText.WIDTH));
        assertThat(text).contains("*OK | bind:EADDRINUSE(10048)").contains("*bind:EADDRINUSE(10048) | bind:EACCES(10013)")
                .contains("note: hosts named fixture-* are synthetic");
        MatrixReport mixed = Matrix.build(Fixtures.mixed());
        assertThat(BindTablesText.render(mixed, BindTables.select(mixed, null, null, null), false).lines())
                .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(MatrixText.WIDTH));
    }

    @Test
    void namesThatAreNoRowAreRefusedWithTheRows() {
        MatrixReport m = Matrix.build(ViewFixtures.claimFleet());
        assertThatThrownBy(() -> BindTables.select(m, "nope", null, null)).hasMessageContaining("no host 'nope'")
                .hasMessageContaining("fixture-win7");
        assertThatThrownBy(() -> BindTables.select(m, null, "fixture-win7", null)).hasMessageContaining("--host");
    }

    private static Set<String> axes(List<BindTables.Table> tables) {
        Set<String> out = new TreeSet<>();
        tables.forEach(t -> {
            t.rows().forEach(a -> out.add(a.option()));
            t.cols().forEach(a -> out.add(a.option()));
        });
        return out;
    }

    private static List<String> differing(List<BindTables.Table> tables) {
        List<String> out = new ArrayList<>();
        for (BindTables.Table t : tables) {
            for (BindTables.Slot[] line : t.slots()) {
                for (BindTables.Slot s : line) {
                    if (s.differs()) {
                        out.add(s.scenarioId());
                    }
                }
            }
        }
        return out;
    }

    private static BindTables.Slot slot(List<BindTables.Table> tables, String scenario) {
        for (BindTables.Table t : tables) {
            for (BindTables.Slot[] line : t.slots()) {
                for (BindTables.Slot s : line) {
                    if (scenario.equals(s.scenarioId())) {
                        return s;
                    }
                }
            }
        }
        throw new AssertionError("no slot " + scenario);
    }
}
