// Where a lab's agents dial (Lab.control): a Unix socket in a directory only its owner can enter, so that another
// user cannot connect even to a socket file anyone may write (checked by connecting as uid 65534, and as root for
// contrast), removed with the lab; and TCP with mutual TLS when the agents run as another user or the caller says
// they cannot dial the socket.
package bindlab.coordinator.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bindlab.coordinator.CiRequirement;
import bindlab.coordinator.fleet.InventoryParser;
import bindlab.coordinator.hub.AgentHub;
import bindlab.coordinator.hub.CoordinatorServer;
import bindlab.coordinator.hub.FleetAdmission;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LabControlTest {
    /** The system's python, which any user may run (a python3 found on root's PATH may live under /root). */
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String CONNECT = "import socket, sys\n"
            + "s = socket.socket(socket.AF_UNIX)\n"
            + "s.connect(sys.argv[1])\n"
            + "print('connected')\n";

    @Test
    void theUnixSocketIsItsOwnersAloneAndGoesWithTheLab() throws Exception {
        CiRequirement.require("root".equals(System.getProperty("user.name")) && Sh.onPath("setpriv")
                && Files.isExecutable(PYTHON), "LabControlTest",
                "root, setpriv and " + PYTHON + " (to connect as uid 65534)");
        Path dir;
        try (Lab lab = Lab.up(1, 1, false)) {
            CiRequirement.require(lab.unixSocketUnavailable() == null, "LabControlTest", "a Unix socket for the lab: "
                    + lab.unixSocketUnavailable());
            Lab.Control control = lab.control(null);
            assertThat(control.whyTcp()).isNull();
            assertThat(control.security().ownerOnly()).isTrue();
            assertThat(control.port()).isZero();
            assertThat(control.security().tls()).isFalse();
            String listen = CoordinatorServer.describe(control.listen());
            assertThat(listen).startsWith("unix:/");
            assertThat(lab.inventory(0)).contains("# Its agents dial " + listen).doesNotContain("bindlab_listen")
                    .doesNotContain("bindlab_pki");
            Path socket = Path.of(listen.substring("unix:".length()));
            dir = socket.getParent();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
            AgentHub hub = new AgentHub(new FleetAdmission(InventoryParser.parse("lab", lab.inventory(0))), false);
            try (CoordinatorServer server = CoordinatorServer.start(control.listen(), hub, control.security())) {
                // the socket file writable by anyone: only the directory keeps others out
                Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rwxrwxrwx"));
                assertThat(connect(List.of(), socket)).as("root connects").isEqualTo("0 connected");
                assertThat(connect(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"), socket))
                        .as("another user cannot").startsWith("1 ").contains("PermissionError");
            }
            assertThatThrownBy(() -> lab.runAgentsAs("65534")).isInstanceOf(IllegalStateException.class);
        }
        assertThat(dir).as("removed with the lab").doesNotExist();
    }

    @Test
    void agentsOfAnotherUserDialTcpWithMutualTls() throws Exception {
        try (Lab lab = Lab.up(1, 1, false)) {
            lab.runAgentsAs("65534");
            assertTcpWithTls(lab.control(null), lab, "the agents run as another user");
        }
    }

    @Test
    void agentsTheCallerDoubtsDialTcpWithMutualTls() throws Exception {
        try (Lab lab = Lab.up(1, 1, false)) {
            assertTcpWithTls(lab.control("--agent-jar may be a jar without unix:"), lab, "--agent-jar");
        }
    }

    private static void assertTcpWithTls(Lab.Control control, Lab lab, String why) throws Exception {
        assertThat(control.listen()).isInstanceOf(InetSocketAddress.class);
        assertThat(control.port()).isPositive();
        assertThat(control.security().tls()).isTrue();
        assertThat(control.whyTcp()).contains(why);
        assertThat(lab.inventory(control.port())).contains("bindlab_listen: \"127.0.0.1:" + control.port() + "\"");
    }

    /** "EXIT OUTPUT" of a python3 that connects to the socket, run through prefix (e.g. setpriv). */
    private static String connect(List<String> prefix, Path socket) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(prefix);
        cmd.addAll(List.of(PYTHON.toString(), "-c", CONNECT, socket.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() + " " + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
