// bindlab lab up|down: a local fleet of N targets and M peers that stays up between campaigns.
package bindlab.coordinator.cli;

import bindlab.coordinator.lab.Lab;
import bindlab.coordinator.lab.LabState;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Build (up) or remove (down) a local lab: one network namespace and agent per host, one bridge.")
public final class LabCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "up | down")
    String action;

    @Option(names = "--targets", defaultValue = "1", description = "Targets (default ${DEFAULT-VALUE}).")
    int targets;

    @Option(names = "--peers", defaultValue = "1", description = "Peers (default ${DEFAULT-VALUE}).")
    int peers;

    @Option(names = "--dir", defaultValue = "bindlab-lab", description = "Where the lab's inventory, state and agent logs go (default ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--port", defaultValue = "47000", description = "Port the campaign's coordinator will listen on (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--all", description = "down: remove every bindlab lab namespace and bridge on this machine.")
    boolean all;

    @Mixin
    AgentLaunchOptions launch;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path state = dir.resolve("lab.properties");
        switch (action) {
            case "up" -> {
                if (!Lab.namespacesPossible()) {
                    throw new IllegalStateException("'lab up' needs root and iproute2 (network namespaces)");
                }
                if (Files.exists(state)) {
                    throw new IllegalArgumentException(dir + " already holds a lab: run 'bindlab lab down --dir " + dir + "' first");
                }
                Files.createDirectories(dir);
                Lab lab = Lab.up(targets, peers, true);
                try {
                    lab.pkiIn(dir.resolve("pki").toAbsolutePath()); // 'run --inventory' finds it through bindlab_pki
                    lab.startAgents(launch.java(), launch.jar(), port, dir.resolve("logs"));
                    LabState.write(lab, state);
                    Files.writeString(dir.resolve("inventory.yml"), lab.inventory(port));
                    lab.keepRunning();
                } finally {
                    lab.close(); // no-op once kept; removes a half-built lab otherwise
                }
                out.printf("lab %s is up: %d target(s), %d peer(s); agents dial %s:%d%n", lab.id(), targets, peers,
                        lab.coordinatorAddress(), port);
                out.println("inventory: " + dir.resolve("inventory.yml"));
                out.println("run a campaign: ./bindlab run --inventory " + dir.resolve("inventory.yml"));
                out.println("remove it:      ./bindlab lab down --dir " + dir);
            }
            case "down" -> {
                List<String> problems = all ? LabState.downAll() : LabState.down(requireState(state));
                problems.forEach(p -> out.println("warning: " + p));
                out.println(all ? "every bindlab lab removed" : "lab in " + dir + " removed");
            }
            default -> throw new IllegalArgumentException("unknown action '" + action + "': use up or down");
        }
        out.flush();
        return ExitCodes.OK;
    }

    private Path requireState(Path state) {
        if (!Files.exists(state)) {
            throw new IllegalArgumentException("no lab in " + dir + " (no " + state + "); 'lab down --all' removes any");
        }
        return state;
    }
}
