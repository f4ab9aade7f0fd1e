// CSV: RFC 4180 quoting, one row per cell with identity and dimensions, and every field read back as written.
package bindlab.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.MatrixReport;
import bindlab.proto.v1.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixCsvTest {
    @Test
    void quoting() {
        assertThat(MatrixCsv.quote("plain")).isEqualTo("plain");
        assertThat(MatrixCsv.quote("")).isEqualTo("");
        assertThat(MatrixCsv.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(MatrixCsv.quote("say \"x\"")).isEqualTo("\"say \"\"x\"\"\"");
        assertThat(MatrixCsv.quote("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(MatrixCsv.quote("cr\r")).isEqualTo("\"cr\r\"");
    }

    @Test
    void oneRowPerCellAndFieldsReadBack() {
        List<CellRecord> records = new ArrayList<>(Fixtures.mixed());
        CellRecord bad = Fixtures.find(Fixtures.real(), "empty/none/wild/v4").toBuilder().setTargetHost("fixture-odd")
                .setOutcome(Outcome.INVALID_SETUP).setReason("setup step \"bind L1\" failed, then\nwait-state timed out")
                .build();
        records.add(bad);
        MatrixReport m = Matrix.build(records);
        List<List<String>> rows = parse(MatrixCsv.render(m));
        List<String> header = rows.get(0);
        assertThat(header.subList(0, 3)).containsExactly("host", "row", "os_family");
        assertThat(header).containsSubsequence(MatrixCsv.DIMS);
        assertThat(header).containsSubsequence("outcome", "agreed", "repeats", "flaky", "untrusted", "raw_code",
                "error_name", "states_before", "states_after", "reason");
        assertThat(rows).hasSize(m.getCellsCount() + 1);
        assertThat(rows).allSatisfy(r -> assertThat(r).hasSameSizeAs(header));

        List<String> odd = rows.stream().filter(r -> r.get(0).equals("fixture-odd")).findFirst().orElseThrow();
        assertThat(odd.get(header.indexOf("reason"))).isEqualTo(bad.getReason());
        assertThat(odd.get(header.indexOf("outcome"))).isEqualTo("INVALID_SETUP");
        assertThat(odd.get(header.indexOf("os_version"))).isEqualTo("6.18.44-fc-v669");

        List<String> tw = rows.stream().filter(r -> r.get(1).equals("target")
                && r.get(header.indexOf("scenario")).equals("conn/TIME_WAIT/open/accepted/none>none/wild>wild/v4"))
                .findFirst().orElseThrow();
        assertThat(tw.get(header.indexOf("state"))).isEqualTo("TIME_WAIT");
        assertThat(tw.get(header.indexOf("group"))).isEqualTo("conn/TIME_WAIT");
        assertThat(tw.get(header.indexOf("raw_code"))).isEqualTo("98");
        assertThat(tw.get(header.indexOf("states_before"))).isEqualTo("TIME_WAIT");

        List<String> conflict = rows.stream().filter(r -> r.get(header.indexOf("conflict")).equals("true"))
                .findFirst().orElseThrow();
        assertThat(conflict.get(header.indexOf("conflicts")))
                .isEqualTo("20250101T000000Z=bind:EADDRINUSE 1/1;20250202T000000Z=OK 1/1");
        List<String> win10 = rows.stream().filter(r -> r.get(0).equals("fixture-win10")).findFirst().orElseThrow();
        assertThat(win10.get(header.indexOf("build"))).isEqualTo("19045");
        assertThat(win10.get(header.indexOf("ubr"))).isEqualTo("3803");
        assertThat(win10.get(header.indexOf("stack_files"))).isEqualTo("tcpip.sys=10.0.19041.3800");
    }

    /** A strict RFC 4180 reader, so the test does not trust the writer's own idea of quoting. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                assertThat(field).as("a quote inside an unquoted field at " + i).isEmpty();
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        assertThat(quoted).as("unterminated quote").isFalse();
        assertThat(row).as("the last line ends with a newline").isEmpty();
        return rows;
    }
}
