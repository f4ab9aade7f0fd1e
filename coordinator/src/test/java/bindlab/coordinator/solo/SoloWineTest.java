// Solo mode as a Windows contributor runs it, under Wine: the release zip's cmd.exe launcher with the Windows Java 8
// (1.8.0_121) runs a catalog subset end to end; its store shows a Wine host (never Windows) and merges with a Linux
// namespace-lab store into one matrix, each host in its own row. Fails, never skips, with CI=true.
package bindlab.coordinator.solo;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.coordinator.CiRequirement;
import bindlab.coordinator.cli.Main;
import bindlab.coordinator.lab.Lab;
import bindlab.coordinator.lab.Sh;
import bindlab.coordinator.lab.WinePrefix;
import bindlab.coordinator.lab.WineRuntime;
import bindlab.coordinator.report.Fixtures;
import bindlab.coordinator.report.Matrix;
import bindlab.coordinator.report.MatrixJson;
import bindlab.engine.Outcomes;
import bindlab.engine.store.Journal;
import bindlab.engine.store.RunStore;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.MatrixReport;
import bindlab.proto.v1.MatrixRow;
import bindlab.proto.v1.Outcome;
import bindlab.proto.v1.TcpRow;
import bindlab.proto.v1.TcpState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoloWineTest {
    static final String SUBSET = "seed/**,bound/*>*/wild>wild/v4";

    @TempDir
    Path dir;

    @Test
    void theCmdLauncherRunsSoloUnderWineAndItsStoreMergesWithALinuxLabStore() throws Exception {
        String missing = WineRuntime.missing();
        CiRequirement.require(missing == null, "SoloWineTest", "missing " + missing + " (.ci/run installs them)");
        PrintWriter log = new PrintWriter(System.out, true);
        WineRuntime wine = WineRuntime.prepare(log);
        Path release = SoloReleaseTest.unzipped(dir);
        // Own namespace as root, so the Windows JVM's loopback sockets never meet anything else on this machine.
        String ns = Lab.namespacesPossible() ? "bl-solo" + ProcessHandle.current().pid() : null;
        long t0 = System.nanoTime();
        String out;
        try {
            if (ns != null) {
                Sh.run("ip", "netns", "add", ns);
                Sh.run("ip", "-n", ns, "link", "set", "lo", "up");
            }
            try (WinePrefix prefix = WinePrefix.at(dir.resolve("prefix"), ns)) {
                prefix.boot();
                // cmd.exe runs the release's own launcher as a user types it (the pattern quoted: '>' unquoted
                // would be a redirection); the launcher finds java.exe through JAVA_HOME
                Path typed = dir.resolve("typed.cmd");
                Files.writeString(typed, "@call \"" + WinePrefix.windowsPath(release.resolve("bindlab-solo.cmd"))
                        + "\" --scenarios \"" + SUBSET + "\" --label solo-wine\r\n@exit /b %ERRORLEVEL%\r\n");
                ProcessBuilder pb = prefix.builder(List.of("cmd", "/c", WinePrefix.windowsPath(typed)));
                pb.environment().put("JAVA_HOME", WinePrefix.windowsPath(wine.jre()));
                Process p = pb.directory(release.toFile()).redirectErrorStream(true).start();
                out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(p.waitFor()).as(out).isZero();
            }
        } finally {
            if (ns != null) {
                Sh.tryRun(new ArrayList<>(), "ip", "netns", "del", ns);
            }
        }
        long seconds = Math.round((System.nanoTime() - t0) / 1e9);
        assertThat(out).contains("zip to send: ");
        Path run = RunStore.resolveRun(release.resolve("store/solo"));
        List<CellRecord> records = Journal.read(run);
        assertThat(Matrix.untrustedHosts(records)).as("controls").isEmpty();
        for (CellRecord r : records) {
            String what = r.getScenarioId() + ": " + r.getOutcome() + " " + r.getReason();
            assertThat(r.getTopology()).isEqualTo("solo");
            assertThat(r.getTargetIdentity().getOsFamily()).isEqualTo("wine");
            assertThat(r.getTargetIdentity().getJvmVersion()).startsWith("1.8.0_121");
            if (Outcomes.isResult(r.getOutcome())) {
                for (List<TcpRow> rows : List.of(r.getRowsBeforeList(), r.getRowsAfterList())) {
                    List<TcpState> seen = rows.stream().filter(x -> x.getLocal().getPort() == r.getPort())
                            .map(TcpRow::getState).toList();
                    assertThat(r.getIntendedStatesList().stream().anyMatch(s -> s == TcpState.TCP_STATE_UNSPECIFIED
                            ? rows == r.getRowsAfterList() || seen.isEmpty() : seen.contains(s))).as(what).isTrue();
                }
            } else if (r.getOutcome() == Outcome.NOT_APPLICABLE) {
                assertThat(r.getReason()).as(what).contains("has no REUSEPORT");
            } else {
                assertThat(r.getOutcome()).as(what).isEqualTo(Outcome.SETUP_REFUSED);
                assertThat(r.getRawCode()).as(what).isEqualTo(10022);
            }
        }
        StringWriter json = new StringWriter();
        assertThat(Main.run(new PrintWriter(json, true), new PrintWriter(new StringWriter(), true), "matrix",
                "--format", "json", run.toString(), Fixtures.realRunDir().toString())).isZero();
        MatrixReport m = MatrixJson.parse(json.toString());
        assertThat(m.getRowsList()).extracting(MatrixRow::getHost).containsExactlyInAnyOrder("target", "solo-wine");
        assertThat(m.getRowsList()).filteredOn(x -> x.getHost().equals("solo-wine"))
                .allMatch(x -> x.getIdentity().getOsFamily().equals("wine") && x.getTopology().equals("solo"));
        System.out.printf("solo under Wine: %d cells through bindlab-solo.cmd on Java %s in %d s (%s)%n", records.size(),
                records.get(0).getTargetIdentity().getJvmVersion(), seconds, ns != null ? "own namespace" : "loopback");
    }
}
