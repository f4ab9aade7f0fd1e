// bindlab changes, bisect and claims run in-process on a synthetic Windows-like store and a real Linux excerpt.
package bindlab.coordinator.answers;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.coordinator.cli.Main;
import bindlab.proto.v1.ClaimReport;
import bindlab.proto.v1.CompatReport;
import com.google.protobuf.util.JsonFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswersCliTest {
    @TempDir
    Path tmp;
    Path fixture;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void store() throws Exception {
        fixture = AnswersFixtures.store(tmp.resolve("windows-fixture"), AnswersFixtures.fleet());
    }

    /** Leaves the synthetic store under target/ so the commands can be tried by hand (see the fixtures README). */
    @Test
    void theFixtureStoreForManualRunsReadsBackAsTheFixtureFleet() throws Exception {
        Path run = AnswersFixtures.store(Path.of("target", "fixture-stores", "windows-fixture"), AnswersFixtures.fleet());
        assertThat(bindlab.engine.store.Journal.read(run)).containsExactlyElementsOf(AnswersFixtures.fleet());
    }

    private int run(String... args) {
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void changesTextAndBcdJson() throws Exception {
        assertThat(run("changes", fixture.toString(), "--scenarios", "conn/**")).isZero();
        assertThat(out.toString()).contains("windows: 7 identities: 6.0.6002 [fixture-vista]")
                .contains("  changed after 6.1.7601, at or before 6.2.9200 (Windows 7 SP1 → Windows 8)")
                .contains("EADDRINUSE up to 6.1.7601, OK from 6.2.9200")
                .contains("left out: 2 cells (flaky 1, untrusted 1)");
        out.getBuffer().setLength(0);
        assertThat(run("changes", fixture.toString(), "--format", "bcd-json")).isZero();
        CompatReport.Builder json = CompatReport.newBuilder();
        JsonFormat.parser().merge(out.toString(), json);
        assertThat(json.getScenariosMap()).containsKey(AnswersFixtures.E_FW2);
        assertThat(json.getFindingsCount()).isEqualTo(2);
    }

    @Test
    void unknownScenariosAreUsageErrors() {
        assertThat(run("changes", fixture.toString(), "--scenarios", "conn/NOPE/**")).isEqualTo(2);
        assertThat(err.toString()).contains("bindlab: --scenarios: no scenario in the store(s) matches 'conn/NOPE/**'");
        assertThat(run("bisect", fixture.toString(), "--scenario", "conn/TIME_WAIT/orphan/accepted/none>none/wild>wild/v6"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("no cell of scenario 'conn/TIME_WAIT/orphan/accepted/none>none/wild>wild/v6'")
                .contains("similar ids there: ");
    }

    @Test
    void bisectWithAnInventory() throws Exception {
        Path inv = tmp.resolve("inventory.yml");
        Files.writeString(inv, "all:\n  hosts:\n    fixture-w2016: {bindlab_build: 14393, bindlab_role: target}\n"
                + "    fixture-peer: {bindlab_role: peer}\n");
        assertThat(run("bisect", fixture.toString(), "--scenario", AnswersFixtures.D_TW, "--inventory", inv.toString()))
                .isZero();
        assertThat(out.toString()).contains("within one release (Windows 10 22H2) between UBR 2965 and 3031: a patch changed it");
        out.getBuffer().setLength(0);
        assertThat(run("bisect", fixture.toString(), "--scenario", AnswersFixtures.BOUND)).isZero();
        assertThat(out.toString()).contains("no change across the tested identities, nothing to bisect");
        Files.writeString(inv, "all:\n  hosts:\n    x: {bindlab_build: [\n");
        assertThat(run("bisect", fixture.toString(), "--scenario", AnswersFixtures.D_TW, "--inventory", inv.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains(inv + ":4: yaml:");
    }

    @Test
    void claimsOnARealLinuxExcerptAndABadUserFile() throws Exception {
        Path linux = AnswersFixtures.realExcerpt(tmp, "linux-lab-excerpt.jsonl");
        assertThat(run("claims", linux.toString(), "--format", "json")).isZero();
        ClaimReport.Builder json = ClaimReport.newBuilder();
        JsonFormat.parser().merge(out.toString(), json);
        assertThat(json.getVerdictsList()).anyMatch(v -> v.getClaimId().equals("linux-connections-need-same-option")
                && v.getVerdict().equals("confirmed") && v.getHost().equals("target"));
        Path bad = tmp.resolve("mine.yaml");
        Files.writeString(bad, "claims:\n  - id: x\n    title: t\n    source: s\n    os_family: linux\n    expect:\n      \"seed/**\": MAYBE\n");
        assertThat(run("claims", linux.toString(), "--claims", bad.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(bad + ":7: expect: claim 'x', scenario 'seed/**': outcome must be one of");
        out.getBuffer().setLength(0);
        assertThat(run("claims", fixture.toString(), linux.toString())).isZero();
        assertThat(out.toString()).contains("claims on fixture-win7 (windows 6.1.7601):")
                .contains("claims on target (linux 6.18.44-fc-v669):");
    }
}
