// HTML without a browser: one self-contained file (no URL, no external asset), and embedded data that cannot end
// its script element and parses back to the same report.
package bindlab.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.MatrixReport;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MatrixHtmlTest {
    static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"bindlab-data\">(.*?)</script>", Pattern.DOTALL);

    static JsonObject embedded(String html) {
        Matcher m = DATA.matcher(html);
        assertThat(m.find()).as("the data block").isTrue();
        return JsonParser.parseString(m.group(1)).getAsJsonObject();
    }

    @Test
    void selfContainedWithoutAnyUrl() {
        List<CellRecord> records = new ArrayList<>(Fixtures.mixed());
        String hostile = "</script><script>alert(1)</script> see https://example.invalid/x and http://x <!-- y";
        records.add(Fixtures.real().get(3).toBuilder().setTargetHost("fixture-hostile").setReason(hostile).build());
        MatrixReport m = Matrix.build(records);
        String html = MatrixHtml.render(m, records);

        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("src=").doesNotContain("href=").doesNotContain("<link").doesNotContain("@import")
                .doesNotContain("url(").doesNotContain("alert(1)</script>").doesNotContain("{{");
        assertThat(html.split("<script", -1)).hasSize(3); // the data block and the page's own script, nothing else
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
        JsonObject data = embedded(MatrixHtml.render(m, records));
        assertThat(MatrixJson.parse(data.get("report").toString())).isEqualTo(m);
        assertThat(data.getAsJsonArray("labels")).hasSize(m.getCellsCount());
        assertThat(data.getAsJsonArray("systems")).hasSize(m.getRowsCount());
        assertThat(data.getAsJsonArray("evidence")).hasSize(m.getCellsCount());
        for (int i = 0; i < m.getCellsCount(); i++) {
            var evidence = data.getAsJsonArray("evidence").get(i).getAsJsonArray();
            assertThat(evidence).as("cell %d", i).hasSize(m.getCells(i).getEvidenceCount());
            JsonObject first = evidence.get(0).getAsJsonObject();
            assertThat(first.get("scenarioId").getAsString()).isEqualTo(m.getCells(i).getScenarioId());
            assertThat(first.get("runId").getAsString()).isEqualTo(m.getCells(i).getEvidence(0).getRunId());
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
