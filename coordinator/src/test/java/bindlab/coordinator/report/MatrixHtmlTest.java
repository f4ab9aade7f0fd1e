// HTML without a browser: one self-contained file (no URL, no external asset), and embedded data that cannot end
// its script element and parses back to the same report, each host's identity and each cell's evidence embedded once.
package bindlab.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.MatrixReport;
import bindlab.coordinator.views.ReportPage;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MatrixHtmlTest {
    static JsonObject embedded(String html) {
        return block(html, "bindlab-data").getAsJsonObject();
    }

    static JsonElement block(String html, String id) {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"" + id + "\">(.*?)</script>",
                Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("the block " + id).isTrue();
        return JsonParser.parseString(m.group(1));
    }

    @Test
    void selfContainedWithoutAnyUrl() {
        List<CellRecord> records = new ArrayList<>(Fixtures.mixed());
        String hostile = "</script><script>alert(1)</script> see https://example.invalid/x and http://x <!-- y";
        records.add(Fixtures.real().get(3).toBuilder().setTargetHost("fixture-hostile").setReason(hostile).build());
        MatrixReport m = Matrix.build(records);
        String html = ReportPage.render(m, records);

        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("src=").doesNotContain("href=").doesNotContain("<link").doesNotContain("@import")
                .doesNotContain("url(").doesNotContain("alert(1)</script>").doesNotContain("{{");
        assertThat(html.split("<script", -1)).hasSize(4); // the data, the evidence and the page's own script, nothing else
        JsonObject data = embedded(html);
        String reason = java.util.stream.StreamSupport
                .stream(data.getAsJsonObject("report").getAsJsonArray("cells").spliterator(), false)
                .map(c -> c.getAsJsonObject().get("reason").getAsString()).filter(r -> r.startsWith("</script>"))
                .findFirst().orElseThrow();
        assertThat(reason).isEqualTo(hostile); // JSON.parse gives the text back unchanged
    }

    @Test
    void embeddedReportIsTheMatrixAndEachCellHasItsEvidence() throws Exception {
        List<CellRecord> records = Fixtures.mixed();
        MatrixReport m = Matrix.build(records);
        String html = ReportPage.render(m, records);
        JsonObject data = embedded(html);
        MatrixReport report = MatrixJson.parse(data.get("report").toString());
        assertThat(report).isEqualTo(MatrixHtml.embedded(m));
        assertThat(report.getCellsList()).allSatisfy(c -> assertThat(c.hasIdentity()).isFalse());
        assertThat(report.getRowsList()).allSatisfy(r -> assertThat(r.getIdentity().getOsFamily()).isNotEmpty());
        assertThat(data.getAsJsonArray("labels")).hasSize(m.getCellsCount());
        assertThat(data.getAsJsonArray("systems")).hasSize(m.getRowsCount());
        assertThat(data.has("evidence")).isFalse();
        var all = block(html, "bindlab-evidence").getAsJsonArray();
        assertThat(all).hasSize(m.getCellsCount());
        for (int i = 0; i < m.getCellsCount(); i++) {
            var evidence = all.get(i).getAsJsonArray();
            assertThat(evidence).as("cell %d", i).hasSize(m.getCells(i).getEvidenceCount());
            JsonObject first = evidence.get(0).getAsJsonObject();
            assertThat(first.get("runId").getAsString()).isEqualTo(m.getCells(i).getEvidence(0).getRunId());
            assertThat(first.has("scenarioId") || first.has("targetHost")).isFalse(); // on the cell already
            var cell = m.getCells(i);
            CellRecord source = records.stream().filter(r -> r.getTargetHost().equals(cell.getHost())
                    && r.getScenarioId().equals(cell.getScenarioId()) && r.getRunId().equals(cell.getEvidence(0).getRunId())
                    && r.getRepeat() == cell.getEvidence(0).getRepeat()).findFirst().orElseThrow();
            assertThat(first.has("steps") ? first.getAsJsonArray("steps").size() : 0).as("cell %d", i)
                    .isEqualTo(source.getStepsCount());
            assertThat(first.has("targetIdentity")).isFalse(); // on the row already
        }
    }
}
