// --coordinator unix:PATH: plain text on a socket of this host, so it takes no certificates and no --insecure.
// (The dial itself runs in every lab test whose agents are root's: LabRun, 'bindlab demo', on Java 8 in CI.)
package bindlab.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class UnixSocketDialTest {
    /** "EXIT ERR" of one agent run, each with its own stderr. */
    private static String run(String... args) {
        StringWriter err = new StringWriter();
        int code = bindlab.agent.cli.AgentCli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                args);
        return code + " " + err;
    }

    @Test
    void aUnixCoordinatorRefusesCertificatesAndInsecureAndNeedsNameAndAddress() {
        String[][] bad = {
            {"--insecure", "--name", "t", "--address", "127.0.0.2"},
            {"--certs", "/nonexistent", "--name", "t", "--address", "127.0.0.2"},
            {"--coordinator-name", "lab", "--name", "t", "--address", "127.0.0.2"},
            {"--address", "127.0.0.2"},
            {"--name", "t"},
        };
        for (String[] extra : bad) {
            String[] args = new String[4 + extra.length];
            System.arraycopy(new String[] {"--coordinator", "unix:/tmp/bindlab-x/coordinator.sock", "--ports",
                "40000-40999"}, 0, args, 0, 4);
            System.arraycopy(extra, 0, args, 4, extra.length);
            assertThat(run(args)).as(String.join(" ", extra)).startsWith("2 ").contains("--coordinator unix:PATH"
                    + " takes --name and --address and neither --certs nor --insecure");
        }
    }

    @Test
    void theSocketsPathMustBeAbsoluteAndFitASocketAddress() {
        assertThat(UnixSocketDial.path("127.0.0.1:47000")).isNull();
        assertThat(UnixSocketDial.path("unix:/run/b/coordinator.sock")).isEqualTo("/run/b/coordinator.sock");
        assertThat(run("--coordinator", "unix:coordinator.sock", "--ports", "40000-40999", "--name", "t",
                "--address", "127.0.0.2")).startsWith("2 ")
                .contains("needs an absolute PATH of at most 107 bytes, got 'unix:coordinator.sock'");
        StringBuilder longPath = new StringBuilder("unix:/");
        while (longPath.length() < 5 + 108) {
            longPath.append('d');
        }
        assertThat(run("--coordinator", longPath.toString(), "--ports", "40000-40999", "--name", "t"))
                .startsWith("2 ").contains("at most 107 bytes, got '" + longPath + "'");
    }
}
