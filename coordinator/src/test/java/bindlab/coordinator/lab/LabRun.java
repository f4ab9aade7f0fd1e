// Test support: runs scenarios through a real lab (agent processes, gRPC, sockets) and checks what is left after.
package bindlab.coordinator.lab;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.agent.platform.linux.ProcNetTcpParser;
import bindlab.coordinator.hub.AgentHub;
import bindlab.coordinator.hub.CoordinatorServer;
import bindlab.coordinator.hub.FleetAdmission;
import bindlab.coordinator.fleet.Inventory;
import bindlab.coordinator.fleet.InventoryParser;
import bindlab.coordinator.run.CampaignDriver;
import bindlab.engine.run.CampaignPlan;
import bindlab.engine.scenario.Scenario;
import bindlab.engine.store.Journal;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.HostIdentity;
import bindlab.proto.v1.TcpRow;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

final class LabRun {
    final List<CellRecord> records;
    final HostIdentity targetIdentity;
    final String log;

    private LabRun(List<CellRecord> records, HostIdentity targetIdentity, String log) {
        this.records = records;
        this.targetIdentity = targetIdentity;
        this.log = log;
    }

    static Path agentJar() {
        Path jar = Path.of(System.getProperty("bindlab.agent.jar", "../agent/target/bindlab-agent.jar"));
        assertThat(jar).as("the shaded agent jar (built by 'mvn verify' before this module's tests)").isRegularFile();
        return jar;
    }

    /** Agents on the real Java 8 when the build provides one (-Djava8.home), else on this JVM's java. */
    static String agentJava() {
        String java8 = System.getProperty("bindlab.agent.java8.home", "");
        return java8.isEmpty() ? Path.of(System.getProperty("java.home"), "bin", "java").toString() : java8 + "/bin/java";
    }

    /**
     * Builds the lab, runs the scenarios once each, checks nothing is held open or filtered while the agents are
     * still up, stops them, then waits (bounded) until the kernel has dropped every row on the lab's ports.
     */
    static LabRun run(boolean namespaces, String agentUser, List<Scenario> scenarios, Path store) throws Exception {
        return runEach(namespaces, agentUser, scenarios, store, lab -> { }, CampaignPlan.DEFAULT_PARALLEL).get(0);
    }

    /** What a test does to the lab once it is up and before its agents start (e.g. boot Wine for the target). */
    interface Setup {
        void prepare(Lab lab) throws Exception;
    }

    /** With a setup (the Wine lane), one cell at a time, as that lane was written and measured. */
    static LabRun run(boolean namespaces, String agentUser, List<Scenario> scenarios, Path store, Setup setup)
            throws Exception {
        return runEach(namespaces, agentUser, scenarios, store, setup, 1).get(0);
    }

    /**
     * One lab, the scenarios run once for each parallelism (cells at once per target), one run after the other on
     * the same agents; each run is checked to leave nothing held open or filtered.
     */
    static List<LabRun> runEach(boolean namespaces, String agentUser, List<Scenario> scenarios, Path store,
            int... parallel) throws Exception {
        return runEach(namespaces, agentUser, scenarios, store, lab -> { }, parallel);
    }

    static List<LabRun> runEach(boolean namespaces, String agentUser, List<Scenario> scenarios, Path store,
            Setup setup, int... parallel) throws Exception {
        List<LabRun> runs = new ArrayList<>();
        try (Lab lab = Lab.up(1, 1, namespaces)) {
            lab.runAgentsAs(agentUser);
            setup.prepare(lab);
            // as 'bindlab demo': a Unix socket, or TCP with mutual TLS; agents on another JVM (-Djava8.home) load
            // the same jar's epoll, which the Java 8 run in CI proves
            Lab.Control control = lab.control(null);
            int port = control.port();
            String text = lab.inventory(port);
            Inventory inv = InventoryParser.parse("lab", text);
            AgentHub hub = new AgentHub(new FleetAdmission(inv), control.security());
            try (CoordinatorServer server = CoordinatorServer.start(control.listen(), hub, control.security())) {
                // an unprivileged agent cannot read a JRE under /root: it runs on this JVM's (system) java
                String java = agentUser == null ? agentJava() : Path.of(System.getProperty("java.home"), "bin", "java").toString();
                lab.startAgents(java, agentJar(), port, store.resolve("logs"));
                for (int k : parallel) {
                    StringWriter log = new StringWriter();
                    CampaignPlan plan = CampaignPlan.of(inv.bindings(), scenarios, 1, 1, k, 60_000);
                    Path run = CampaignDriver.create(plan, store, "test-k" + k, text,
                            CoordinatorServer.describe(control.listen()), "test");
                    CampaignDriver.drive(hub, run, plan, false, new PrintWriter(log, true));
                    HostIdentity identity = hub.agent("target-1").hello().getIdentity();
                    assertNothingHeldOrFiltered(lab, port);
                    runs.add(new LabRun(Journal.read(run), identity, log.toString()));
                }
            }
            lab.stopAgents();
            awaitNoRowsOnLabPorts(lab, port);
            return runs;
        }
    }

    /** Rows still held by a process (inode != 0) on the lab's ports, and filter rules, in every host. */
    static void assertNothingHeldOrFiltered(Lab lab) throws Exception {
        assertNothingHeldOrFiltered(lab, -1);
    }

    static void assertNothingHeldOrFiltered(Lab lab, int coordinatorPort) throws Exception {
        for (LabHost h : lab.hosts()) {
            if (h.netns() != null) {
                // An agent keeps its one table while its stream is up (rules are elements of its sets, added and
                // deleted per cell) and removes it whole when the stream ends: nothing may be in a set by now.
                String ruleset = lab.exec(h, "nft", "list", "ruleset");
                assertThat(ruleset).as("nft rules left in " + h.netns()).doesNotContain("elements");
                for (String table : lab.exec(h, "nft", "list", "tables").strip().split("\n")) {
                    assertThat(table.isEmpty() || table.startsWith("table inet bindlab_agent_")).as("a table other"
                            + " than an agent's own in " + h.netns() + ": " + table).isTrue();
                }
            }
            for (TcpRow r : labRows(lab, h, coordinatorPort)) {
                // Kernel-held rows (TIME_WAIT, a SYN_RECV whose listener just closed) may linger; none may be held open.
                assertThat(r.getInode()).as("a process still holds " + r + " on " + h.name()).isZero();
            }
        }
    }

    /** Kernel-held rows expire by themselves (TIME_WAIT: 60 s on Linux): wait, bounded, then demand an empty table. */
    static void awaitNoRowsOnLabPorts(Lab lab, int coordinatorPort) throws Exception {
        long deadline = System.currentTimeMillis() + 75_000;
        List<TcpRow> left;
        do {
            left = new ArrayList<>();
            for (LabHost h : lab.hosts()) {
                left.addAll(labRows(lab, h, coordinatorPort));
            }
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(1000);
        } while (System.currentTimeMillis() < deadline);
        assertThat(left).as("rows left on the lab's ports").isEmpty();
    }

    /**
     * Rows with a local or remote port in any lab host's sandbox, except agents' own links to the coordinator
     * (coordinatorPort; 0: they dial a Unix socket, so there are none; -1: any link to its address). A
     * loopback lab shares the machine's table, so there only its own rows count: between its hosts' addresses, and,
     * when held open, by one of its agent processes (another program's connection on 127.0.0.x is not the lab's).
     */
    private static List<TcpRow> labRows(Lab lab, LabHost h, int coordinatorPort) throws Exception {
        ProcNetTcpParser parser = new ProcNetTcpParser(ByteOrder.nativeOrder());
        String text = lab.exec(h, "cat", "/proc/net/tcp", "/proc/net/tcp6");
        List<TcpRow> rows = new ArrayList<>();
        for (TcpRow r : parser.parse(text, 0, Collections.emptySet(), 0)) {
            // the agents' own links to the coordinator are not test traffic
            boolean toCoordinator = coordinatorPort > 0 && (r.getRemote().getPort() == coordinatorPort
                    || r.getLocal().getPort() == coordinatorPort)
                    || coordinatorPort < 0 && r.getRemote().getAddress().replace("::ffff:", "")
                            .equals(lab.coordinatorAddress());
            if (!toCoordinator && (inLab(lab, r.getLocal().getPort()) || inLab(lab, r.getRemote().getPort()))
                    && (h.netns() != null || ownedByTheLab(lab, r))) {
                rows.add(r);
            }
        }
        return rows;
    }

    private static boolean ownedByTheLab(Lab lab, TcpRow r) {
        boolean between = lab.hosts().stream().anyMatch(x -> x.address4().equals(r.getLocal().getAddress()))
                || lab.hosts().stream().anyMatch(x -> x.address4().equals(r.getRemote().getAddress()));
        return between && (r.getInode() == 0 || agentSocketInodes(lab).contains(r.getInode()));
    }

    /** The socket inodes the lab's agent processes hold open (from /proc/PID/fd). */
    private static java.util.Set<Long> agentSocketInodes(Lab lab) {
        java.util.Set<Long> out = new java.util.HashSet<>();
        for (long pid : lab.agentPids()) {
            java.io.File[] fds = new java.io.File("/proc/" + pid + "/fd").listFiles();
            for (java.io.File fd : fds == null ? new java.io.File[0] : fds) {
                try {
                    String target = java.nio.file.Files.readSymbolicLink(fd.toPath()).toString();
                    if (target.startsWith("socket:[")) {
                        out.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (java.io.IOException | RuntimeException gone) {
                    // the fd closed while we looked
                }
            }
        }
        return out;
    }

    private static boolean inLab(Lab lab, int port) {
        return lab.hosts().stream().anyMatch(h -> port >= h.portLow() && port <= h.portHigh());
    }
}
