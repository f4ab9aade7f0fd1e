// A real Wine-lab store merged with the synthetic Windows fixture stores: Wine rows stand apart in every matrix
// format, changes and bisect never take Wine for a Windows version, and Windows claims are untested on Wine.
package bindlab.coordinator.answers;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.coordinator.report.Families;
import bindlab.coordinator.report.Fixtures;
import bindlab.coordinator.report.Matrix;
import bindlab.coordinator.report.MatrixCsv;
import bindlab.coordinator.report.MatrixJson;
import bindlab.coordinator.report.MatrixMarkdown;
import bindlab.coordinator.report.MatrixText;
import bindlab.coordinator.report.Versions;
import bindlab.coordinator.views.BindTables;
import bindlab.coordinator.views.BindTablesText;
import bindlab.coordinator.views.ReportPage;
import bindlab.coordinator.views.Timeline;
import bindlab.coordinator.views.TimelineMarkdown;
import bindlab.engine.store.Journal;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.MatrixReport;
import bindlab.proto.v1.MatrixRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WineIsNotWindowsTest {
    static final String E_ESTABLISHED = "seed/ESTABLISHED/EXCLUSIVEADDRUSE>EXCLUSIVEADDRUSE";

    /** The seed run of a real Wine lab (fixtures/README.md): target-1 ran the Windows backend under Wine 8.0. */
    static List<CellRecord> wine() throws Exception {
        return Journal.read(Path.of(WineIsNotWindowsTest.class.getResource("/fixtures/wine-lab-seed/journal.jsonl")
                .toURI()).getParent());
    }

    /** Invented Windows 7 and 10 hosts (fixture-*) plus the real Wine host, which impersonates Windows 6.1.7601. */
    static MatrixReport merged() throws Exception {
        List<CellRecord> all = new ArrayList<>(Fixtures.invented("fixture-win7", Fixtures.WIN7, "fixture-run-7"));
        all.addAll(Fixtures.invented("fixture-win10", Fixtures.WIN10, "fixture-run-10"));
        all.addAll(wine());
        return Matrix.build(all);
    }

    @Test
    void theWineStoreIsRealWineData() throws Exception {
        for (CellRecord r : wine()) {
            assertThat(r.getTargetIdentity().getOsFamily()).isEqualTo("wine");
            assertThat(r.getTargetIdentity().getWineWindowsVersion()).startsWith("6.1.7601");
            assertThat(r.getTargetIdentity().getBuild()).isZero();
        }
    }

    @Test
    void wineIsItsOwnRowAfterTheWindowsRows() throws Exception {
        MatrixReport m = merged();
        assertThat(m.getRowsList()).extracting(MatrixRow::getHost)
                .containsExactly("fixture-win7", "fixture-win10", "target-1");
        MatrixRow wine = m.getRows(2);
        assertThat(Families.of(wine.getIdentity())).isEqualTo("wine");
        // Wine's EXCLUSIVEADDRUSE answer over ESTABLISHED differs from the fixtures': it stays in its own row
        assertThat(m.getCellsList().stream().filter(c -> c.getScenarioId().equals(E_ESTABLISHED))
                .map(c -> c.getRow() + "=" + c.getOutcome()).toList())
                .containsExactly("fixture-win7=EADDRINUSE", "fixture-win10=EADDRINUSE", "target-1=OK");
        assertThat(m.getCellsList()).noneMatch(c -> c.getConflict());
    }

    @Test
    void everyMatrixFormatSaysWine() throws Exception {
        MatrixReport m = merged();
        String text = MatrixText.render(m);
        assertThat(text).contains("target-1       Wine 8.0 (Debian 8.0~repack-4), NOT Windows, on Linux")
                .contains(Families.WINE_NOTE);
        assertThat(MatrixMarkdown.render(m)).contains("NOT Windows").contains(Families.WINE_NOTE);
        assertThat(MatrixCsv.render(m).lines().filter(l -> l.startsWith("target-1,"))).isNotEmpty()
                .allMatch(l -> l.startsWith("target-1,target-1,wine,Wine 8.0"));
        assertThat(MatrixJson.render(m)).contains("\"osFamily\": \"wine\"").contains("\"wineVersion\": \"8.0\"");
        assertThat(ReportPage.render(m, List.of())).contains(Families.WINE_NOTE).contains("NOT Windows");
        assertThat(BindTablesText.render(m, BindTables.select(m, null, null, null), false)).contains(Families.WINE_NOTE);
    }

    @Test
    void changesKeepWineOutOfTheWindowsTimeline() throws Exception {
        Changes.Report r = Changes.analyze(merged(), id -> true);
        assertThat(r.identities().get("windows")).extracting(Identity::version)
                .containsExactly("6.1.7601.24544", "10.0.19045.3803");
        assertThat(r.identities().get("wine")).extracting(Identity::version).containsExactly("wine-8.0");
        assertThat(r.boundaries()).allMatch(b -> !b.family().equals("windows")
                || !b.lower().identity().family().equals("wine") && !b.upper().identity().family().equals("wine"));
        assertThat(r.timelines().get(E_ESTABLISHED).get("windows")).extracting(p -> p.identity().hosts().get(0))
                .containsExactly("fixture-win7", "fixture-win10");
        assertThat(ChangesText.render(r)).contains(Families.WINE_NOTE).contains("wine: 1 identity: wine-8.0 [target-1]");
        List<Timeline.Family> timeline = Timeline.of(r, java.util.Map.of());
        assertThat(timeline).filteredOn(f -> f.family().equals("wine")).singleElement()
                .satisfies(f -> assertThat(f.releaseTable()).isFalse());
        assertThat(TimelineMarkdown.render(timeline, r.leftOut())).contains(Families.WINE_NOTE);
    }

    @Test
    void bisectNeverOffersAWindowsReleaseForWine() throws Exception {
        MatrixReport m = merged();
        Identity wine = Changes.identities(m.getCellsList()).values().stream().filter(i -> i.family().equals("wine"))
                .findFirst().orElseThrow();
        Changes.Point p = new Changes.Point(wine, "OK", "", 0);
        Changes.Boundary b = new Changes.Boundary("wine", E_ESTABLISHED, p, p);
        Bisect.Result r = Bisect.of(b, java.util.Map.of());
        assertThat(r.between()).isEmpty();
        assertThat(r.next()).isNull();
        assertThat(BisectText.render(E_ESTABLISHED, List.of(r), false)).contains("no Windows release lies between Wine versions");
        assertThat(Versions.windowsVersion(wine.identity())).as("Wine has no Windows version").isNull();
    }

    @Test
    void windowsClaimsAreUntestedOnWineAndSaidSo() throws Exception {
        List<ClaimCheck.Verdict> verdicts = ClaimCheck.check(ClaimsFile.builtIn(), merged());
        List<ClaimCheck.Verdict> onWine = verdicts.stream().filter(v -> v.host().equals("target-1")).toList();
        assertThat(onWine).isNotEmpty().allMatch(v -> v.verdict().equals(ClaimCheck.UNTESTED));
        assertThat(onWine.stream().filter(v -> v.claim().osFamily().equals("windows")))
                .isNotEmpty().allMatch(v -> v.reason().contains("Wine's socket rules are not evidence about any Windows version"));
        assertThat(verdicts.stream().filter(v -> v.host().startsWith("fixture-win"))
                .anyMatch(v -> !v.verdict().equals(ClaimCheck.UNTESTED))).as("the fixtures are still checked").isTrue();
        String text = ClaimsText.render(verdicts, false);
        assertThat(text).contains(Families.WINE_NOTE).contains("claims on target-1 (wine wine-8.0)")
                .contains("untested  msdn-reuseaddr-2003-same-user");
    }
}
