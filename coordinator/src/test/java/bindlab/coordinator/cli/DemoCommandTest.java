// demo with an option that is checked only once its lab is up (--repeat): the lab comes down and nothing of the run
// stays in the store, neither in a new store nor beside what an existing one holds.
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
    void aBadRepeatLeavesNoLabAndNoFiles() throws Exception {
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
        String jar = Path.of(System.getProperty("bindlab.agent.jar", "../agent/target/bindlab-agent.jar")).toString();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "demo", "--loopback", "--scenarios",
                "control/**", "--repeat", "0", "--store", store.toString(), "--agent-jar", jar, "--quiet");
        assertThat(code).as(out + "\n" + err).isEqualTo(ExitCodes.USAGE);
        assertThat(out.toString()).as("the lab was up").contains("loopback lab");
        return err.toString();
    }
}
