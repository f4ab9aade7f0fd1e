// bindlab demo: the embedded default. Builds a local two-host lab (namespaces with root, loopback without),
// runs the same path as 'bindlab run' against it, prints the matrix and the store, and tears the lab down.
package bindlab.coordinator.cli;

import bindlab.coordinator.answers.Summary;
import bindlab.coordinator.hub.AgentHub;
import bindlab.coordinator.hub.CoordinatorServer;
import bindlab.coordinator.lab.Lab;
import bindlab.coordinator.run.RunSpec;
import bindlab.coordinator.run.Runs;
import bindlab.coordinator.scenario.Scenario;
import bindlab.coordinator.store.Journal;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Build a local target+peer lab, run the catalog against it, print the matrix, tear it down.")
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    ScenarioOptions scenarios;

    @Option(names = "--repeat", defaultValue = "1", description = "Repeats per scenario (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--store", defaultValue = "bindlab-store", description = "Store root (default ${DEFAULT-VALUE}).")
    Path store;

    @Option(names = "--loopback", description = "Use agents on 127.0.0.x even with root (no namespaces, no filters).")
    boolean loopback;

    @Option(names = "--agents-as", paramLabel = "UID",
            description = "Loopback lab only: run the agents as this uid (e.g. 65534), to see what a non-root user gets.")
    String agentsAs;

    @Option(names = "--agent-jar", paramLabel = "JAR", description = "The agent jar (default: agent/target/bindlab-agent.jar).")
    Path agentJar;

    @Option(names = "--agent-java", paramLabel = "JAVA", description = "The java binary agents run on (default: this JVM's).")
    String agentJava;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<Scenario> chosen = scenarios.resolve();
        if (agentsAs != null && !loopback) {
            throw new IllegalArgumentException("--agents-as needs --loopback (namespace agents must run as root)");
        }
        boolean ns = !loopback && Lab.namespacesPossible();
        if (!ns) {
            out.println(loopback ? "loopback lab (--loopback): agents on 127.0.0.2 and 127.0.0.3"
                    : "not root (or no iproute2): loopback lab on 127.0.0.2 and 127.0.0.3;"
                    + " scenarios needing a packet filter will be NOT_APPLICABLE");
        }
        Path jar = agentJar != null ? agentJar : Path.of(System.getProperty("bindlab.agent.jar", "agent/target/bindlab-agent.jar"));
        String java = agentJava != null ? agentJava : Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path runDir;
        try (Lab lab = Lab.up(List.of(new String[] {"target", "target"}, new String[] {"peer", "peer"}), ns)) {
            lab.runAgentsAs(agentsAs);
            Thread hook = new Thread(lab::close, "bindlab-lab-teardown");
            Runtime.getRuntime().addShutdownHook(hook);
            if (ns) {
                out.printf("namespace lab %s: coordinator %s, target %s, peer %s%n", lab.id(), lab.coordinatorAddress(),
                        lab.hosts().get(0).address4(), lab.hosts().get(1).address4());
            }
            AgentHub hub = new AgentHub(Duration.ofSeconds(2), Set.of("target", "peer")::contains);
            try (CoordinatorServer server = CoordinatorServer.start(new InetSocketAddress(lab.coordinatorAddress(), 0), hub)) {
                lab.startAgents(java, jar, server.port(), store.resolve("lab-" + lab.id()));
                RunSpec run = new RunSpec("target", "peer", chosen, repeat, 2, store, Duration.ofSeconds(60),
                        "bindlab " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
                runDir = Runs.execute(hub, run, out);
            } finally {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
        out.println("lab torn down");
        Summary.print(out, Journal.read(runDir));
        return ExitCodes.OK;
    }
}
