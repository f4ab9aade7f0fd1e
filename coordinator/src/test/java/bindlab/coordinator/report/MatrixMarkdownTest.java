// Markdown: well-formed GitHub tables (same number of cells on every line), escaping, and the issue size limit.
package bindlab.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.engine.scenario.Catalog;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.MatrixReport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixMarkdownTest {
    @Test
    void tablesAreWellFormedAndMarksShow() {
        String md = MatrixMarkdown.render(Matrix.build(Fixtures.mixed()));
        assertTablesWellFormed(md);
        assertThat(md)
                .contains("| `fixture-win7` **UNTRUSTED** (failed a control) | Windows 7 Professional 6.1.7601.24544")
                .contains("<details><summary><code>seed</code>: 16 scenario(s)</summary>")
                .contains("| `TIME_WAIT/none>none` | EADDRINUSE(98) 1/1 | EADDRINUSE(10048) 1/1 | EADDRINUSE/OK **CONFLICT** |")
                .contains("| `conn/CLOSING` | 2 | EADDRINUSE 2 | not run 2 |")
                .contains("_not run_")
                .contains("**" + Summaries.FIXTURE_NOTE + "**")
                .doesNotContain("Not listed per scenario");
    }

    @Test
    void pipesInNamesAreEscaped() {
        List<CellRecord> records = new ArrayList<>(Fixtures.real());
        records.add(Fixtures.real().get(0).toBuilder().setTargetHost("fixture|pipe").build());
        String md = MatrixMarkdown.render(Matrix.build(records));
        assertTablesWellFormed(md);
        assertThat(md).contains("| `fixture\\|pipe` |");
    }

    @Test
    void wholeCatalogFitsInAnIssueBody() {
        List<CellRecord> records = new ArrayList<>();
        CellRecord real = Fixtures.real().get(0);
        for (String host : List.of("fixture-a", "fixture-b", "fixture-c")) {
            for (var s : Catalog.builtIn()) {
                records.add(real.toBuilder().setTargetHost(host).setScenarioId(s.id()).build());
            }
        }
        MatrixReport m = Matrix.build(records);
        String md = MatrixMarkdown.render(m);
        assertThat(md.length()).isLessThan(65_536);
        assertThat(md).contains("Not listed per scenario").contains("| `conn/TIME_WAIT` | ");
        assertTablesWellFormed(md);
    }

    /** Every table line has as many unescaped pipes as its header, and a delimiter line follows each header. */
    static void assertTablesWellFormed(String md) {
        String[] lines = md.split("\n");
        int pipes = -1;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!line.startsWith("|")) {
                pipes = -1;
                continue;
            }
            assertThat(line).as("line %d", i + 1).endsWith("|");
            int n = line.replace("\\|", "").length() - line.replace("\\|", "").replace("|", "").length();
            if (pipes < 0) {
                pipes = n;
                assertThat(lines[i + 1]).as("delimiter after line %d", i + 1).matches("\\|(-+:?\\|)+");
            }
            assertThat(n).as("cells on line %d: %s", i + 1, line).isEqualTo(pipes);
        }
    }
}
