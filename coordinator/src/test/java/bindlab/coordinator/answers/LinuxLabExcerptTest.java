// Changes and claims on excerpts of real namespace-lab runs (Linux 6.18): the Linux claims get verdicts from
// measurements, and one host means no changes.
package bindlab.coordinator.answers;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.coordinator.report.Matrix;
import bindlab.engine.store.Journal;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.MatrixReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxLabExcerptTest {
    @TempDir
    Path tmp;

    private List<CellRecord> records() throws Exception {
        List<CellRecord> all = new ArrayList<>(Journal.read(AnswersFixtures.realExcerpt(tmp, "linux-lab-excerpt.jsonl")));
        all.addAll(Journal.read(AnswersFixtures.realExcerpt(tmp, "linux-lab-other-user-excerpt.jsonl")));
        return all;
    }

    @Test
    void linuxClaimsAreConfirmedByTheLabRunsAndWindowsClaimsUntested() throws Exception {
        MatrixReport m = Matrix.build(records());
        Map<String, ClaimCheck.Verdict> v = ClaimCheck.check(ClaimsFile.builtIn(), m).stream()
                .collect(Collectors.toMap(x -> x.claim().id(), x -> x));
        ClaimCheck.Verdict listener = v.get("linux-listener-blocks-reuseaddr-not-reuseport");
        assertThat(listener.verdict()).isEqualTo(ClaimCheck.CONFIRMED);
        assertThat(listener.checked()).isEqualTo(8);
        assertThat(listener.tested()).isEqualTo(4);
        ClaimCheck.Verdict euid = v.get("linux-reuseport-same-euid");
        assertThat(euid.verdict()).isEqualTo(ClaimCheck.CONFIRMED);
        assertThat(euid.checked()).isEqualTo(2);
        ClaimCheck.Verdict conns = v.get("linux-connections-need-same-option");
        assertThat(conns.verdict()).isEqualTo(ClaimCheck.CONFIRMED);
        assertThat(conns.checked()).isEqualTo(7 * 9 + 9); // seven connection variants x nine option pairs, and the seed
        assertThat(conns.tested()).isEqualTo(conns.total());
        assertThat(v.get("msdn-reuseaddr-2003-same-user").verdict()).isEqualTo(ClaimCheck.UNTESTED);
        assertThat(v.get("msdn-reuseaddr-2003-same-user").reason()).isEqualTo("the host runs linux; the claim is about windows");
    }

    @Test
    void aClaimTheLinuxDataContradictsIsRefuted() throws Exception {
        // a claim written the way the Windows docs put it for default binds: TIME_WAIT does not block. Linux says it does.
        List<Claim> mine = ClaimsFile.parse("mine.yaml", """
                claims:
                  - id: time-wait-never-blocks
                    title: TIME_WAIT never blocks a default bind
                    source: a test
                    os_family: linux
                    expect:
                      "seed/TIME_WAIT/none>none": OK
                """);
        ClaimCheck.Verdict v = ClaimCheck.check(mine, Matrix.build(records())).get(0);
        assertThat(v.verdict()).isEqualTo(ClaimCheck.REFUTED);
        assertThat(v.refuting().get(0).observed()).isEqualTo("EADDRINUSE");
        assertThat(v.refuting().get(0).rawCode()).isEqualTo(98);
        assertThat(v.refuting().get(0).statesBefore()).containsExactly("TIME_WAIT");
    }

    @Test
    void oneHostMeansNoChangesAndTheDemoSummarySaysSo() throws Exception {
        Changes.Report r = Changes.analyze(Matrix.build(records()), id -> true);
        assertThat(r.findings()).isEmpty();
        assertThat(r.leftOut()).containsEntry("NOT_APPLICABLE", 4); // the seed's SO_EXCLUSIVEADDRUSE cells
        StringWriter out = new StringWriter();
        Summary.print(new PrintWriter(out), records());
        assertThat(out.toString())
                .contains("linux: 1 identity: 6.18.44-fc-v669 [target]")
                .contains("no changes: one identity, nothing to compare it with")
                .contains("claims on target (linux 6.18.44-fc-v669):")
                .contains("confirmed linux-listener-blocks-reuseaddr-not-reuseport")
                .contains("claim(s) about other OS families: untested on this host");
    }
}
