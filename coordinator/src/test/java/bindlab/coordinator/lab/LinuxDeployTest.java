// The Linux deployment, for real on this machine: the Ansible role installs an agent into a throwaway root, the
// command line of the unit it wrote runs in a lab namespace on Java 8, and that agent dials the coordinator over
// mutual TLS and serves a step; then the uninstall playbook removes it all. install.sh gets the same file checks.
package bindlab.coordinator.lab;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.coordinator.fleet.Inventory;
import bindlab.coordinator.fleet.InventoryParser;
import bindlab.coordinator.hub.AgentHub;
import bindlab.coordinator.hub.AgentSession;
import bindlab.coordinator.hub.CoordinatorServer;
import bindlab.coordinator.hub.FleetAdmission;
import bindlab.proto.v1.ObserveTcp;
import bindlab.proto.v1.Step;
import bindlab.proto.v1.StepStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxDeployTest {
    static final Path DEPLOY = Path.of("../deploy").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    /** Outside CI a missing tool skips the test; in CI (CI=true) it fails: a test that cannot run proves nothing. */
    static void require(boolean ok, String what) {
        bindlab.coordinator.CiRequirement.require(ok, "LinuxDeployTest", what);
    }

    @Test
    void theRoleInstallsAnAgentThatDialsInOverMutualTlsAndTheUninstallRemovesIt() throws Exception {
        require(Lab.namespacesPossible(), "root and iproute2 (network namespaces)");
        require(Sh.onPath("ansible-playbook"), "ansible-playbook (apt-get install ansible)");
        Path root = tmp.resolve("host"); // the throwaway host's file system
        Process agent = null;
        try (Lab lab = Lab.up(1, 1, true)) {
            int port = Lab.freePort(lab.coordinatorAddress());
            String text = lab.inventory(port);
            Path inventory = Files.writeString(tmp.resolve("inventory.yml"), text);
            Path vars = Files.writeString(tmp.resolve("vars.json"), """
                    {"ansible_connection": "local", "bindlab_become": false,
                     "bindlab_linux_dir": "%1$s/opt/bindlab", "bindlab_linux_etc": "%1$s/etc/bindlab",
                     "bindlab_linux_logs": "%1$s/var/log/bindlab", "bindlab_linux_unit_dir": "%1$s/etc/systemd/system",
                     "bindlab_linux_java": "%2$s", "bindlab_linux_systemd": false, "bindlab_linux_packages": ["nftables"],
                     "bindlab_agent_jar_src": "%3$s"}
                    """.formatted(root, LabRun.agentJava(), LabRun.agentJar().toAbsolutePath()));
            String first = playbook("site.yml", inventory, vars);
            assertThat(first).contains("target-1").containsPattern("target-1 +: ok=\\d+ +changed=[1-9]");
            String again = playbook("site.yml", inventory, vars);
            assertThat(again).as("a second run changes nothing").containsPattern("target-1 +: ok=\\d+ +changed=0 ");

            Path key = root.resolve("etc/bindlab/certs/agent.key");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent()))).isEqualTo("rwx------");
            List<String> exec = execStart(root.resolve("etc/systemd/system/bindlab-agent.service"));
            assertThat(exec).contains("--certs", root.resolve("etc/bindlab/certs").toString(), "--coordinator",
                    lab.coordinatorAddress() + ":" + port).doesNotContain("--insecure");

            Inventory inv = InventoryParser.parse("lab", text);
            AgentHub hub = new AgentHub(new FleetAdmission(inv), true);
            try (CoordinatorServer server = CoordinatorServer.start(new InetSocketAddress(lab.coordinatorAddress(), port),
                    hub, CoordinatorServer.Security.fromPki(lab.pki()))) {
                LabHost target = lab.hosts().get(0);
                List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", target.netns()));
                cmd.addAll(exec);
                agent = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(tmp.resolve("installed-agent.out").toFile()).start();
                AgentSession s = hub.await("target-1", 40_000);
                assertThat(s).as("the installed agent connected; it said: %s",
                        Files.readString(tmp.resolve("installed-agent.out"))).isNotNull();
                if (!System.getProperty("bindlab.agent.java8.home", "").isEmpty()) {
                    assertThat(s.hello().getIdentity().getJvmVersion()).contains("1.8.0_"); // the Java 8 agent, over TLS
                }
                assertThat(s.run(List.of(Step.newBuilder().setId(1).setCell("deploy").setTimeoutMs(2000)
                        .setObserveTcp(ObserveTcp.newBuilder().setPort(target.portLow())).build()))
                        .get(20, TimeUnit.SECONDS).get(0).getStatus()).isEqualTo(StepStatus.OK);
                assertThat(root.resolve("var/log/bindlab/bindlab-agent.log")).isRegularFile();
            }
        } finally {
            if (agent != null) {
                agent.destroy();
                agent.waitFor(10, TimeUnit.SECONDS);
                agent.destroyForcibly();
            }
        }
        String removed = playbook("uninstall.yml", tmp.resolve("inventory.yml"), tmp.resolve("vars.json"));
        assertThat(removed).containsPattern("target-1 +: ok=\\d+ +changed=[1-9]");
        assertThat(root.resolve("opt/bindlab")).doesNotExist();
        assertThat(root.resolve("etc/bindlab")).doesNotExist();
        assertThat(root.resolve("etc/systemd/system/bindlab-agent.service")).doesNotExist();
    }

    @Test
    void installShWritesTheSameLayoutAndUninstallShRemovesIt() throws Exception {
        require(!System.getProperty("os.name").startsWith("Windows"), "bash");
        Path root = tmp.resolve("host");
        Path certs = Files.createDirectories(tmp.resolve("certs"));
        for (String f : List.of("ca.crt", "agent.crt", "agent.key")) {
            Files.writeString(certs.resolve(f), f);
        }
        String out = Sh.run("bash", DEPLOY.resolve("linux/install.sh").toString(), "--jar", LabRun.agentJar().toString(),
                "--certs", certs.toString(), "--coordinator", "192.0.2.10:47000", "--ports", "40000-40999",
                "--address", "192.0.2.41", "--address6", "2001:db8::41", "--prefix", root.toString(), "--no-packages",
                "--no-systemd");
        assertThat(out).contains("install.sh: done");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("etc/bindlab/certs/agent.key"))))
                .isEqualTo("rw-------");
        assertThat(execStart(root.resolve("etc/systemd/system/bindlab-agent.service"))).containsSequence("--address6",
                "2001:db8::41").contains(root.resolve("opt/bindlab/bindlab-agent.jar").toString());
        Sh.run("bash", DEPLOY.resolve("linux/uninstall.sh").toString(), "--prefix", root.toString(), "--no-systemd");
        assertThat(root.resolve("opt/bindlab")).doesNotExist();
        assertThat(root.resolve("etc/bindlab")).doesNotExist();
    }

    /** The unit's ExecStart as an argument list (the templates write no quotes). */
    static List<String> execStart(Path unit) throws IOException {
        for (String line : Files.readAllLines(unit, StandardCharsets.UTF_8)) {
            if (line.startsWith("ExecStart=")) {
                return List.of(line.substring("ExecStart=".length()).trim().split(" +"));
            }
        }
        throw new AssertionError(unit + " has no ExecStart line");
    }

    private static String playbook(String book, Path inventory, Path vars) throws Exception {
        Process p = new ProcessBuilder("ansible-playbook", "-i", inventory.toString(), "--limit", "target-1",
                "-e", "@" + vars, DEPLOY.resolve("ansible").resolve(book).toString())
                .directory(DEPLOY.resolve("ansible").toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("ansible-playbook " + book + ":\n" + out).isZero();
        return out;
    }
}
