// The solo release zip, as a contributor gets it: it holds what the command needs, its launchers parse, and the same
// artifact runs solo mode on Linux as root and as an unprivileged user; its stores merge with a lab store.
package bindlab.coordinator.solo;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.coordinator.CiRequirement;
import bindlab.coordinator.cli.Main;
import bindlab.coordinator.report.Fixtures;
import bindlab.coordinator.report.MatrixJson;
import bindlab.engine.store.Journal;
import bindlab.engine.store.RunStore;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.MatrixReport;
import bindlab.proto.v1.Outcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoloReleaseTest {
    static final Path ZIP = Path.of("../deploy/target/bindlab-solo-0.1.0-SNAPSHOT.zip");
    static final String SUBSET = "seed/**,bound/none>*/wild>wild/v4";

    @TempDir
    Path dir;

    static Path unzipped(Path dir) throws Exception {
        assertThat(ZIP).as("the release zip (built by 'mvn package' in deploy/)").isRegularFile();
        Path out = Files.createDirectories(dir.resolve("release"));
        run(out, List.of("unzip", "-q", ZIP.toAbsolutePath().toString(), "-d", out.toString()), 60);
        return out.resolve("bindlab-solo");
    }

    static String run(Path cwd, List<String> cmd, int seconds) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(seconds, TimeUnit.SECONDS)).as(String.join(" ", cmd)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ":\n" + out).isZero();
        return out;
    }

    @Test
    void theZipHoldsTheAgentJarWithTheEngineAndLaunchersForCmdAndSh() throws Exception {
        Path r = unzipped(dir);
        try (JarFile jar = new JarFile(r.resolve("bindlab-agent.jar").toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("bindlab.agent.cli.AgentCli");
            for (String c : List.of("bindlab/agent/solo/SoloCommand.class", "bindlab/engine/run/Campaign.class",
                    "bindlab/engine/scenario/CatalogGenerator.class", "bindlab/engine/store/Journal.class",
                    "bindlab/agent/platform/windows/WindowsPlatform.class", "com/sun/jna/win32-x86-64/jnidispatch.dll")) {
                assertThat(jar.getEntry(c)).as(c).isNotNull();
            }
        }
        String cmd = Files.readString(r.resolve("bindlab-solo.cmd"));
        assertThat(cmd).contains("\r\n").doesNotContain("\n\n").contains("-jar \"%HERE%bindlab-agent.jar\" solo");
        assertThat(Files.readString(r.resolve("README-solo.txt"))).contains("What to send").contains("Java 8");
        run(r, List.of("sh", "-n", "bindlab-solo.sh"), 10); // the shell parses it
        assertThat(Files.isExecutable(r.resolve("bindlab-solo.sh"))).as("unzip keeps the launcher executable").isTrue();
    }

    @Test
    void theSameArtifactRunsSoloOnLinuxAsRootAndNotAndItsStoresMergeWithALabStore() throws Exception {
        Path r = unzipped(dir);
        String asRoot = run(r, List.of("./bindlab-solo.sh", "--scenarios", SUBSET, "--label", "solo-root"), 180);
        assertThat(asRoot).contains("zip to send: ");
        Path rootRun = RunStore.resolveRun(r.resolve("store/solo"));
        List<CellRecord> records = Journal.read(rootRun);
        assertThat(records).allMatch(c -> c.getTopology().equals("solo"));
        assertThat(records).noneMatch(c -> c.getOutcome() == Outcome.INVALID_SETUP || c.getOutcome() == Outcome.INFRA_ERROR);
        assertThat(records).allMatch(c -> c.getTargetIdentity().getHostname().isEmpty()); // not recorded by default

        List<String> stores = new ArrayList<>(List.of(rootRun.toString(), Fixtures.realRunDir().toString()));
        boolean root = "root".equals(System.getProperty("user.name"));
        CiRequirement.require(!root || bindlab.coordinator.lab.Sh.onPath("setpriv"), "solo as an unprivileged user",
                "root without setpriv cannot drop privileges");
        if (root) {
            Path copy = Files.createDirectories(Path.of("/tmp").resolve("bindlab-solo-test-" + ProcessHandle.current().pid()));
            try {
                run(r, List.of("cp", "-r", r.toString(), copy.toString()), 30);
                Path mine = copy.resolve("bindlab-solo");
                run(copy, List.of("chown", "-R", "65534:65534", copy.toString()), 30);
                String nobody = run(mine, List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                        "./bindlab-solo.sh", "--scenarios", SUBSET + ",bound/none>none/wild>wild/v4/other-user",
                        "--label", "solo-nobody"), 180);
                assertThat(nobody).contains("zip to send: ");
                Path userRun = RunStore.resolveRun(mine.resolve("store/solo"));
                assertThat(Journal.read(userRun)).filteredOn(c -> c.getScenarioId().endsWith("/other-user"))
                        .allMatch(c -> c.getOutcome() == Outcome.NOT_APPLICABLE);
                Path kept = Files.createDirectories(dir.resolve("nobody-store"));
                run(dir, List.of("cp", "-r", userRun.toString(), kept.toString()), 30);
                stores.add(kept.resolve(userRun.getFileName()).toString());
            } finally {
                run(Path.of("/tmp"), List.of("rm", "-rf", copy.toString()), 30);
            }
        }
        StringWriter json = new StringWriter();
        List<String> args = new ArrayList<>(List.of("matrix", "--format", "json"));
        args.addAll(stores);
        assertThat(Main.run(new PrintWriter(json, true), new PrintWriter(new StringWriter(), true), args.toArray(new String[0])))
                .isZero();
        MatrixReport m = MatrixJson.parse(json.toString());
        assertThat(m.getRowsList()).extracting(x -> x.getHost()).contains("solo-root", "target");
        if (root) {
            assertThat(m.getRowsList()).extracting(x -> x.getHost()).contains("solo-nobody");
        }
    }
}
