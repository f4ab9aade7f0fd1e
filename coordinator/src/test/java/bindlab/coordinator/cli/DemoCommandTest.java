// demo with an out-of-bounds campaign option (--repeat 0): exit 2 naming it, before any lab is built, and nothing
// written, neither a new store nor anything beside what an existing one holds.
package bindlab.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
