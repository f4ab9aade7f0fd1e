// The agent's usual start binds its options without picocli (DirectOptions): the same values picocli would give,
// picocli for everything else, and a fresh JVM shows that picocli's parser is not loaded.
package bindlab.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.agent.AgentMain;
import bindlab.agent.ChildJvm;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DirectOptionsTest {
    static final String[][] USUAL = {
        {"--coordinator", "198.18.0.1:7443", "--certs", "/etc/bindlab/certs", "--ports", "40000-40999"},
        {"--coordinator=unix:/tmp/x/coordinator.sock", "--name", "target-1", "--ports", "40000-40999", "--address",
            "198.18.0.2", "--address6", "2001:2::2", "--log-dir", "/var/log/bindlab"},
        {"--coordinator", "coord.example:7443", "--name", "w10", "--insecure", "--ports=41000-41999",
            "--coordinator-name", "coord", "--other-user-file", "C:\\ProgramData\\bindlab\\other-user.txt"},
        {},
    };

    @Test
    void theUsualArgumentsBindAsPicocliBindsThem() throws Exception {
        for (String[] args : USUAL) {
            AgentMain direct = new AgentMain();
            assertThat(DirectOptions.bind(direct, args)).as(Arrays.toString(args)).isTrue();
            AgentMain parsed = new AgentMain();
            new CommandLine(parsed).parseArgs(args);
            assertThat(options(direct)).as(Arrays.toString(args)).isEqualTo(options(parsed));
        }
    }

    @Test
    void anythingElseIsLeftToPicocli() {
        String[][] others = {
            {"--help"}, {"-h"}, {"-V"}, {"--version"}, {"selftest"}, {"solo", "--store", "s"},
            {"--coordinator", "h:1", "--bogus", "x"}, {"--name"}, {"--name", "a", "--name", "b"},
            {"--insecure=true"}, {"--name", "--ports", "1-2"}, {"--name="}, {"-name", "x"},
        };
        for (String[] args : others) {
            assertThat(DirectOptions.bind(new AgentMain(), args)).as(Arrays.toString(args)).isFalse();
        }
    }

    @Test
    void aBadUsualStartSaysWhyAsBeforeAndHelpStillComesFromPicocli() {
        java.io.StringWriter err = new java.io.StringWriter();
        java.io.StringWriter out = new java.io.StringWriter();
        int code = AgentCli.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                "--coordinator", "h:1", "--ports", "40000-40999", "--name", "x");
        assertThat(code).isEqualTo(AgentCli.EXIT_USAGE);
        assertThat(err.toString()).contains("bindlab-agent: --certs DIR is required (mutual TLS");
        code = AgentCli.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true), "--help");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("Usage: bindlab-agent").contains("--coordinator=HOST:PORT")
                .contains("selftest").contains("solo");
    }

    @Test
    void aFreshJvmStartingTheAgentWithUsualArgumentsLoadsNoneOfPicocliButTheAnnotation() throws Exception {
        String text = ChildJvm.run(Probe.class, "-verbose:class");
        assertThat(text).contains("exit 2: bindlab-agent: --certs DIR is required").contains("picocli.CommandLine$Option ");
        assertThat(text).doesNotContain("picocli.CommandLine ").doesNotContain("picocli.CommandLine$Model");
    }

    /** In a fresh JVM: the agent's CLI with usual arguments that fail at once (no --certs): exit 2, said why. */
    public static final class Probe {
        public static void main(String[] args) {
            java.io.StringWriter err = new java.io.StringWriter();
            int code = AgentCli.run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(err, true),
                    "--coordinator", "h:1", "--ports", "40000-40999", "--name", "x");
            System.out.println("exit " + code + ": " + err);
        }
    }

    private static List<String> options(AgentMain m) throws IllegalAccessException {
        List<String> out = new ArrayList<String>();
        for (Field f : AgentMain.class.getDeclaredFields()) {
            if (f.getAnnotation(CommandLine.Option.class) != null) {
                f.setAccessible(true);
                out.add(f.getName() + "=" + f.get(m));
            }
        }
        return out;
    }
}
