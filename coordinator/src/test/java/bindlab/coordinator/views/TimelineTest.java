// The version timeline on a synthetic Windows-like fleet: its columns are the known releases in order with tested
// hosts in place of theirs, and in the HTML page (headless Chromium) and the Markdown every finding's boundary cells
// are the versions and outcomes `changes --format bcd-json` gives, every tested cell its measured outcome.
package bindlab.coordinator.views;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.coordinator.answers.Changes;
import bindlab.coordinator.answers.CompatJson;
import bindlab.coordinator.report.Browser;
import bindlab.coordinator.report.Matrix;
import bindlab.proto.v1.CompatFinding;
import bindlab.proto.v1.CompatReport;
import bindlab.proto.v1.OutcomeRange;
import bindlab.winver.WindowsReleases;
import com.google.protobuf.util.JsonFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineTest {
    @TempDir
    Path tmp;

    private final Changes.Report report = Changes.analyze(Matrix.build(ViewFixtures.timelineFleet()), id -> true);
    private final List<Timeline.Family> families = Timeline.of(report, Map.of());

    /** What `bindlab changes --format bcd-json` prints for the fleet, read back. */
    private CompatReport bcd() throws Exception {
        String text = JsonFormat.printer().includingDefaultValueFields().print(CompatJson.build(report));
        CompatReport.Builder b = CompatReport.newBuilder();
        JsonFormat.parser().merge(text, b);
        return b.build();
    }

    @Test
    void everyKnownReleaseInOrderWithTestedHostsInPlaceOfTheirs() {
        Timeline.Family w = families.get(0);
        assertThat(w.family()).isEqualTo("windows");
        assertThat(w.releaseTable()).isTrue();
        // 25 known builds; 19045 is tested twice (two UBRs), so one more column
        assertThat(w.columns()).hasSize(WindowsReleases.all().size() + 1);
        assertThat(w.columns()).extracting(Timeline.Column::version).startsWith("6.0.6002", "6.0.6003", "6.1.7601")
                .contains("10.0.19044", "10.0.19045.2965", "10.0.19045.3031", "10.0.20348").endsWith("10.0.26100");
        assertThat(w.columns().stream().filter(Timeline.Column::isTested).map(Timeline.Column::version))
                .containsExactlyElementsOf(report.identities().get("windows").stream().map(i -> i.version()).toList());
    }

    @Test
    void aChangeBetweenUntestedReleasesGetsBisectsPick() {
        Timeline.Row fw2 = families.get(0).rows().stream()
                .filter(r -> r.finding().scenarioIds().equals(List.of(ViewFixtures.D_FW2))).findFirst().orElseThrow();
        List<Timeline.Column> cols = families.get(0).columns();
        assertThat(cols.get(fw2.lower()).version()).isEqualTo("10.0.14393");
        assertThat(cols.get(fw2.upper()).version()).isEqualTo("10.0.19045.2965");
        assertThat(fw2.upper() - fw2.lower() - 1).isEqualTo(9 + 1); // 1703 .. 21H2 but 1809, and the untrusted 1809 host
        assertThat(fw2.next()).isBetween(fw2.lower() + 1, fw2.upper() - 1);
        assertThat(cols.get(fw2.next()).isTested()).isFalse();
        assertThat(fw2.bisect()).contains("bisect: test " + cols.get(fw2.next()).version());
        assertThat(TimelineWords.cell(fw2, fw2.lower() + 1)).isEqualTo(TimelineWords.GAP);
        assertThat(TimelineWords.cell(fw2, fw2.next())).isEqualTo(TimelineWords.NEXT);
        assertThat(TimelineWords.cell(fw2, fw2.upper() + 1)).isEqualTo("OK"); // 19045.3031, tested
        assertThat(TimelineWords.cell(fw2, cols.size() - 1)).isEqualTo(TimelineWords.UNTESTED); // 11 24H2
    }

    @Test
    void htmlBoundaryAndTestedCellsAreWhatBcdJsonSays() throws Exception {
        Path html = tmp.resolve("timeline.html");
        Files.writeString(html, TimelineHtml.render(families, report.leftOut()));
        assertThat(Files.readString(html)).doesNotContain("<script").doesNotContain("http").doesNotContain("{{");
        List<List<Map<String, String>>> rows = findingRows(Browser.dumpDom(html, ""));
        CompatReport bcd = bcd();
        assertThat(rows).hasSize(bcd.getFindingsCount());
        for (int k = 0; k < rows.size(); k++) {
            CompatFinding f = bcd.getFindings(k);
            List<Map<String, String>> cells = rows.get(k);
            Map<String, String> lower = only(cells, "lower");
            Map<String, String> upper = only(cells, "upper");
            assertThat(lower.get("data-version")).isEqualTo(f.getAfterVersion());
            assertThat(lower.get("data-outcome")).isEqualTo(f.getOutcomeBefore());
            assertThat(upper.get("data-version")).isEqualTo(f.getAtOrBeforeVersion());
            assertThat(upper.get("data-outcome")).isEqualTo(f.getOutcomeAfter());
            assertTestedCellsMatchTheRanges(cells, f, bcd);
        }
    }

    @Test
    void markdownRowsHaveAColumnPerReleaseAndTheBoundaryInBold() throws Exception {
        String md = TimelineMarkdown.render(families, report.leftOut());
        List<List<List<String>>> tables = MarkdownTables.parse(md);
        Timeline.Family w = families.get(0);
        assertThat(tables).hasSize(1);
        List<List<String>> t = tables.get(0);
        assertThat(t).hasSize(w.rows().size() + 2).allSatisfy(r -> assertThat(r).hasSize(w.columns().size() + 1));
        CompatReport bcd = bcd();
        for (int k = 0; k < w.rows().size(); k++) {
            Timeline.Row r = w.rows().get(k);
            assertThat(t.get(k + 2).get(r.upper() + 1)).isEqualTo("**" + bcd.getFindings(k).getOutcomeAfter() + "**");
            assertThat(t.get(k + 2).get(r.lower() + 1)).isEqualTo(bcd.getFindings(k).getOutcomeBefore());
            assertThat(t.get(0).get(r.upper() + 1)).contains(bcd.getFindings(k).getAtOrBeforeVersion());
        }
        assertThat(md).contains("note: hosts named fixture-\\* are synthetic");
    }

    /** For a one-scenario finding, each tested cell is the outcome of the BCD range that lists its version. */
    private static void assertTestedCellsMatchTheRanges(List<Map<String, String>> cells, CompatFinding f, CompatReport bcd) {
        if (f.getScenarioIdsCount() != 1) {
            return;
        }
        List<OutcomeRange> ranges = bcd.getScenariosOrThrow(f.getScenarioIds(0)).getSupportOrThrow(f.getOsFamily())
                .getRangesList();
        int checked = 0;
        for (OutcomeRange range : ranges) {
            for (String v : range.getVersionsList()) {
                Map<String, String> td = cells.stream().filter(c -> c.get("data-version").equals(v)).findFirst()
                        .orElseThrow(() -> new AssertionError("no column " + v));
                assertThat(td.get("data-outcome")).as(v).isEqualTo(range.getOutcome());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(1);
    }

    private static Map<String, String> only(List<Map<String, String>> cells, String boundary) {
        List<Map<String, String>> at = cells.stream().filter(c -> boundary.equals(c.get("data-boundary"))).toList();
        assertThat(at).as(boundary).hasSize(1);
        return at.get(0);
    }

    /** The td attributes of each tr[data-finding], in order. */
    private static List<List<Map<String, String>>> findingRows(String dom) {
        List<List<Map<String, String>>> out = new ArrayList<>();
        List<Map<String, String>> row = null;
        for (Browser.Tag t : Browser.sequence(dom)) {
            if (t.name().equals("tr")) {
                row = t.attrs().containsKey("data-finding") ? new ArrayList<>() : null;
                if (row != null) {
                    out.add(row);
                }
            } else if (t.name().equals("td") && row != null) {
                row.add(t.attrs());
            }
        }
        return out;
    }
}
