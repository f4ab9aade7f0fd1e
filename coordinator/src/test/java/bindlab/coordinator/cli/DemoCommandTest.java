// demo with an out-of-bounds campaign option (--repeat 0): exit 2 naming it, before any lab is built, and nothing
// written, neither a new store nor anything beside what an existing one holds. And a lab whose agents die at start:
// the campaign stops waiting for them at once, names why and where their log is, and exits incomplete.
package bindlab.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void aBadRepeatFailsBeforeAnyLabAndWritesNothing() throws Exception {
        Path fresh = dir.resolve("fresh");
        assertThat(demoWithRepeat0(fresh)).contains("--repeat").contains("must be 1-1000");
        assertThat(fresh).doesNotExist();

        Path existing = Files.createDirectories(dir.resolve("existing"));
        Files.writeString(existing.resolve("notes.txt"), "mine");
        demoWithRepeat0(existing);
        try (var left = Files.list(existing)) {
            assertThat(left).containsExactly(existing.resolve("notes.txt"));
        }
    }

    @Test
    void agentsThatExitAtStartAreReportedAtOnceInsteadOfAwaited() throws Exception {
        Path java = Files.createTempFile("bindlab-dying-java-", ".sh", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x"))); // outside @TempDir: an agent may run as nobody
        try {
            Files.writeString(java, "#!/bin/sh\necho 'no JVM here' >&2\nexit 3\n");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            // --wait 300: had the lab's exits been ignored, the demo would wait this long and then say otherwise
            int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "demo", "--loopback",
                    "--scenarios", "control/fresh-bind", "--agent-java", java.toString(), "--wait", "300",
                    "--store", dir.resolve("store").toString(), "--quiet");
            assertThat(code).as(out + "\n" + err).isEqualTo(ExitCodes.INCOMPLETE);
            assertThat(out.toString()).contains("did not connect")
                    .containsPattern("target-1: its process exited with code 3; see \\S+agent-target-1\\.log: no JVM here")
                    .contains("agent 'target-1' is gone (its process exited with code 3")
                    .doesNotContain("did not connect within");
        } finally {
            Files.delete(java);
        }
    }

    private static String demoWithRepeat0(Path store) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "demo", "--loopback", "--scenarios",
                "control/**", "--repeat", "0", "--store", store.toString(), "--quiet");
        assertThat(code).as(out + "\n" + err).isEqualTo(ExitCodes.USAGE);
        assertThat(out.toString()).as("no lab was built").doesNotContain("lab");
        return err.toString();
    }
}
