// bindlab run: listens for agents, runs the chosen scenarios on a target and its peer, journals, prints the matrix.
package bindlab.coordinator.cli;

import bindlab.coordinator.hub.AgentHub;
import bindlab.coordinator.hub.CoordinatorServer;
import bindlab.coordinator.run.RunSpec;
import bindlab.coordinator.run.Runs;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Wait for the named agents, run scenarios x repeats, journal every cell, print the matrix.")
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--listen", required = true, paramLabel = "ADDR:PORT", description = "Where agents dial in.")
    String listen;

    @Option(names = "--target", required = true, description = "Agent name of the host under test.")
    String target;

    @Option(names = "--peer", required = true, description = "Agent name of the remote end.")
    String peer;

    @Mixin
    ScenarioOptions scenarios;

    @Option(names = "--repeat", defaultValue = "1", description = "Repeats per scenario (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--retries", defaultValue = "2", description = "Retries of a cell lost to INFRA_ERROR (default ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--store", defaultValue = "bindlab-store", description = "Store root (default ${DEFAULT-VALUE}).")
    Path store;

    @Option(names = "--wait", defaultValue = "120", description = "Seconds to wait for agents (default ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (repeat < 1 || retries < 0 || waitSeconds < 1) {
            throw new IllegalArgumentException("--repeat and --wait must be >= 1, --retries >= 0");
        }
        if (target.equals(peer)) {
            throw new IllegalArgumentException("--target and --peer must be different agents");
        }
        RunSpec run = new RunSpec(target, peer, scenarios.resolve(), repeat, retries, store,
                Duration.ofSeconds(waitSeconds), "bindlab " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        AgentHub hub = new AgentHub(Duration.ofSeconds(2), Set.of(target, peer)::contains);
        try (CoordinatorServer server = CoordinatorServer.start(parse(listen), hub)) {
            spec.commandLine().getOut().printf("listening for agents on %s:%d%n", host(listen), server.port());
            Runs.execute(hub, run, spec.commandLine().getOut());
        }
        return ExitCodes.OK;
    }

    static InetSocketAddress parse(String spec) {
        int c = spec.lastIndexOf(':');
        try {
            if (c > 0) {
                int port = Integer.parseInt(spec.substring(c + 1));
                if (port >= 0 && port <= 65535) {
                    return new InetSocketAddress(host(spec), port);
                }
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("--listen must be ADDR:PORT, got '" + spec + "'");
    }

    private static String host(String spec) {
        return spec.substring(0, spec.lastIndexOf(':')).replace("[", "").replace("]", "");
    }
}
