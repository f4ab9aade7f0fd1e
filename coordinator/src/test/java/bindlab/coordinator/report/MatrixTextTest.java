// The text matrix: within 120 columns for the whole catalog and for many hosts, both layouts, group headings, marks,
// and colour codes only when asked for (removing them gives the plain text back).
package bindlab.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.engine.scenario.Catalog;
import bindlab.engine.scenario.Scenario;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.HostIdentity;
import bindlab.proto.v1.MatrixReport;
import bindlab.proto.v1.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixTextTest {
    private static final Outcome[] CYCLE = {Outcome.SUCCESS, Outcome.EADDRINUSE, Outcome.NOT_APPLICABLE,
        Outcome.EACCES, Outcome.INVALID_SETUP, Outcome.OTHER_ERROR};

    /** One invented record per scenario and host, outcomes cycling, Windows-sized error codes. */
    private static List<CellRecord> synthetic(List<Scenario> scenarios, int hosts) {
        List<CellRecord> out = new ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            HostIdentity id = Fixtures.windows("Windows 10 Pro", "10.0.19045", 19045, 3000 + h, "22H2", null);
            for (int i = 0; i < scenarios.size(); i++) {
                Outcome o = CYCLE[(i + h) % CYCLE.length];
                out.add(CellRecord.newBuilder().setRunId("fixture-run").setTargetHost("fixture-win10-" + h)
                        .setTargetIdentity(id).setScenarioId(scenarios.get(i).id()).setRepeat(1).setAttempt(1)
                        .setOutcome(o).setRawCode(o == Outcome.SUCCESS || o == Outcome.NOT_APPLICABLE ? 0 : 10048)
                        .setFailedCall(o == Outcome.OTHER_ERROR ? "listen" : "bind").build());
            }
        }
        return out;
    }

    private static void assertWithin120(String text) {
        for (String line : text.split("\n")) {
            assertThat(line.length()).as("line '%s'", line).isLessThanOrEqualTo(MatrixText.WIDTH);
        }
    }

    @Test
    void wholeCatalogStaysWithin120ColumnsForOneFewAndManyHosts() {
        List<Scenario> all = Catalog.builtIn();
        for (int hosts : new int[] {1, 3, 9}) {
            MatrixReport m = Matrix.build(synthetic(all, hosts));
            String text = MatrixText.render(m);
            assertWithin120(text);
            assertWithin120(strip(MatrixText.render(m, true)));
            assertThat(text).contains("conn/TIME_WAIT/\n").contains("Abbreviated: RA = REUSEADDR");
            if (hosts == 9) {
                assertThat(text).contains("hosts 1-").contains(" of 9:"); // split into blocks of hosts
            }
        }
    }

    @Test
    void fewScenariosManyHostsPutHostsOnLines() {
        List<Scenario> few = Catalog.builtIn().subList(0, 5);
        String text = MatrixText.render(Matrix.build(synthetic(few, 12)));
        assertWithin120(text);
        assertThat(text).contains("\nfixture-win10-0 ").contains("[1] control/fresh-bind").contains("[5] ");
    }

    @Test
    void realRunAndInventedHosts() {
        MatrixReport m = Matrix.build(Fixtures.mixed());
        String text = MatrixText.render(m);
        assertWithin120(text);
        assertThat(text)
                .contains("  target         Debian GNU/Linux 12 (bookworm), kernel 6.18.44-fc-v669, amd64")
                .contains("fixture-win7   UNTRUSTED (failed a control), Windows 7 Professional 6.1.7601.24544")
                .contains("\nseed/\n  listening/none>none ")
                .contains("\nother (not in the built-in catalog):\n  conn/SYN_RECV/orphan/accepted/")
                .contains(Summaries.NOT_RUN) // fixture-win7 never ran conn/CLOSING
                .contains("OK 2/3 FLAKY")
                .contains("UNTRUSTED: the host failed a control")
                .contains(Summaries.FIXTURE_NOTE);
        assertThat(MatrixText.render(Matrix.build(Fixtures.real()))).doesNotContain(Summaries.FIXTURE_NOTE);
        String[] lines = text.split("\n");
        String tw = java.util.Arrays.stream(lines).filter(l -> l.startsWith("  TIME_WAIT/none>none ")).findFirst()
                .orElseThrow();
        assertThat(tw).contains("EADDRINUSE(98) 1/1").contains("EADDRINUSE(10048) 1/1").contains("EADDRINUSE/OK CONFLICT");
    }

    @Test
    void coloursOnlyWhenAskedAndNeverChangeTheLayout() {
        MatrixReport m = Matrix.build(Fixtures.mixed());
        String plain = MatrixText.render(m);
        String coloured = MatrixText.render(m, true);
        assertThat(plain).doesNotContain("\u001b");
        assertThat(coloured).contains("\u001b[32mOK 1/1").contains("\u001b[31mEADDRINUSE(98) 1/1").contains("\u001b[7m");
        assertThat(strip(coloured)).isEqualTo(plain);
    }

    @Test
    void singleHostShowsStatesAroundTheProbe() {
        String text = MatrixText.render(Matrix.build(Fixtures.real()));
        assertThat(text).contains("state before -> after").contains("TIME_WAIT -> LISTEN,TIME_WAIT")
                .contains("none -> LISTEN");
    }

    private static String strip(String s) {
        return s.replaceAll("\u001b\\[[0-9;]*m", "");
    }
}
