// The agent's TLS choices: mutual TLS unless --insecure, certificates checked before dialling, the JDK's TLS when
// it has ALPN (both JVMs the tests run on have it).
package bindlab.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentTlsTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return bindlab.agent.cli.AgentCli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
    }

    @Test
    void withoutCertificatesOrInsecureTheAgentRefusesToStart() {
        assertThat(run("--coordinator", "127.0.0.1:47000", "--ports", "40000-40999", "--name", "t")).isEqualTo(2);
        assertThat(err.toString()).contains("--certs DIR is required (mutual TLS");
    }

    @Test
    void aCertificateDirectoryWithoutTheKeyIsNamed() throws Exception {
        Files.write(dir.resolve("ca.crt"), new byte[0]);
        Files.write(dir.resolve("agent.crt"), new byte[0]);
        assertThat(run("--coordinator", "127.0.0.1:47000", "--ports", "40000-40999", "--certs", dir.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--certs " + dir + ": agent.key is missing");
    }

    @Test
    void aFileThatIsNoCertificateIsNamed() throws Exception {
        for (String f : new String[] {"ca.crt", "agent.crt", "agent.key"}) {
            Files.write(dir.resolve(f), "not PEM".getBytes("US-ASCII"));
        }
        assertThat(run("--coordinator", "127.0.0.1:47000", "--ports", "40000-40999", "--certs", dir.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains(new File(dir.toFile(), "agent.crt") + ": not a PEM X.509 certificate");
    }

    @Test
    void theJdksTlsIsChosenWhenTheJdkHasAlpn() {
        assertThat(AgentTls.jdkHasAlpn()).isTrue(); // Java 17 and 8u504 both have it
        assertThat(AgentTls.chooseTlsProvider()).startsWith("the JDK's TLS over OkHttp");
        assertThat(System.getProperty(AgentTls.NO_OPENSSL)).isEqualTo("true");
    }
}
