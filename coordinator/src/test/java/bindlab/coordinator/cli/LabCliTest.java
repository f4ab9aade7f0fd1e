// 'lab up' then 'lab down' on one directory, twice: down removes the lab with its PKI and inventory (they name hosts
// that are gone) and keeps the agents' logs, so the same directory takes a new lab.
package bindlab.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.coordinator.CiRequirement;
import bindlab.coordinator.lab.Lab;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabCliTest {
    @TempDir
    Path dir;

    @Test
    void aLabDirectoryTakesANewLabAfterLabDown() throws Exception {
        CiRequirement.require(Lab.namespacesPossible(), "LabCliTest", "needs root and iproute2 to build network namespaces");
        String jar = Path.of(System.getProperty("bindlab.agent.jar", "../agent/target/bindlab-agent.jar")).toString();
        Path lab = dir.resolve("lab");
        for (int round = 1; round <= 2; round++) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int up = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "lab", "up", "--dir", lab.toString(),
                    "--targets", "1", "--agent-jar", jar);
            assertThat(up).as("round " + round + ": " + out + err).isZero();
            assertThat(lab.resolve("pki/ca.crt")).exists();
            int down = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "lab", "down", "--dir",
                    lab.toString());
            assertThat(down).as(out.toString() + err).isZero();
            assertThat(out.toString()).contains("lab in " + lab + " removed (its PKI and inventory too");
            assertThat(lab.resolve("pki")).doesNotExist();
            assertThat(lab.resolve("inventory.yml")).doesNotExist();
            assertThat(lab.resolve("logs")).isDirectory();
        }
    }
}
