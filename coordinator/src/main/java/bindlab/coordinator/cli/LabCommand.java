// bindlab lab up|down: a local fleet of N targets and M peers that stays up between campaigns.
package bindlab.coordinator.cli;

import bindlab.coordinator.lab.Lab;
import bindlab.coordinator.lab.LabState;
import bindlab.coordinator.lab.Sh;
import bindlab.coordinator.lab.WineRuntime;
import bindlab.engine.BadInput;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "lab", mixinStandardHelpOptions = true, subcommands = {LabCommand.Up.class, LabCommand.Down.class},
        description = "Build (up) or remove (down) a local lab: one network namespace and agent per host, one bridge.")
public final class LabCommand implements Runnable {
    static final String STATE = "lab.properties";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a lab command: up or down");
    }

    @Command(name = "up", mixinStandardHelpOptions = true, description = "Build a lab and leave its agents running.")
    static final class Up implements Callable<Integer> {
        @Option(names = "--targets", defaultValue = "1", description = "Targets (default ${DEFAULT-VALUE}).")
        int targets;

        @Option(names = "--peers", defaultValue = "1", description = "Peers (default ${DEFAULT-VALUE}).")
        int peers;

        @Option(names = "--dir", defaultValue = "bindlab-lab",
                description = "Where the lab's inventory, state and agent logs go (default ${DEFAULT-VALUE}).")
        Path dir;

        @Option(names = "--port", defaultValue = "47000",
                description = "Port the campaign's coordinator will listen on (default ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--wine", description = "The targets run the agent on a Windows x64 Java 8 under Wine, each in"
                + " its own prefix ('lab down' removes them).")
        boolean wine;

        @Mixin
        AgentLaunchOptions launch;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (!Lab.namespacesPossible()) {
                throw BadInput.of("lab up", "needs root and iproute2 (network namespaces)");
            }
            if (port < 1 || port > 65535) {
                throw BadInput.of("--port", "must be 1-65535");
            }
            Path state = dir.resolve(STATE);
            if (Files.exists(state)) {
                throw BadInput.of("--dir", dir + " already holds a lab: run 'bindlab lab down --dir " + dir + "' first");
            }
            Files.createDirectories(dir);
            WineRuntime runtime = wine ? WineRuntime.prepare(out) : null;
            Lab lab = Lab.up(targets, peers, true);
            try {
                lab.pkiIn(dir.resolve("pki").toAbsolutePath()); // 'run --inventory' finds it through bindlab_pki
                if (runtime != null) {
                    lab.runTargetsUnderWine(runtime, out);
                }
                lab.agentExtraFlags(launch.archiveFlags());
                lab.startAgents(launch.java(), launch.jar(), port, dir.resolve("logs"));
                LabState.write(lab, state);
                Files.writeString(dir.resolve("inventory.yml"), lab.inventory(port));
                lab.keepRunning();
            } finally {
                lab.close(); // no-op once kept; removes a half-built lab otherwise
            }
            out.printf("lab %s is up: %d target(s)%s, %d peer(s); agents dial %s:%d%n", lab.id(), targets,
                    wine ? " under Wine" : "", peers, lab.coordinatorAddress(), port);
            out.println("inventory: " + dir.resolve("inventory.yml"));
            if (lab.plainTextReason() != null) {
                out.println("plain text: " + lab.plainTextReason());
            }
            out.println("run a campaign: ./bindlab run --inventory " + dir.resolve("inventory.yml")
                    + (lab.plainTextReason() != null ? " --insecure" : ""));
            out.println("remove it:      ./bindlab lab down --dir " + dir);
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true, description = "Remove a lab (or every bindlab lab).")
    static final class Down implements Callable<Integer> {
        @Option(names = "--dir", defaultValue = "bindlab-lab", description = "The lab's directory (default ${DEFAULT-VALUE}).")
        Path dir;

        @Option(names = "--all", description = "Remove every bindlab lab namespace and bridge on this machine, every"
                + " lab's Wine prefix and temporary directory.")
        boolean all;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Path state = dir.resolve(STATE);
            if (!all && !Files.exists(state)) {
                throw BadInput.of("--dir", "no lab in " + dir + " (no " + state + "); 'lab down --all' removes any");
            }
            List<String> problems = all ? LabState.downAll() : LabState.down(state);
            if (!all) {
                // the lab's CA and inventory name hosts that are gone: removed too, so 'lab up --dir' works again;
                // the agents' logs stay as the record of what ran
                Sh.deleteTree(dir.resolve("pki"));
                Files.deleteIfExists(dir.resolve("inventory.yml"));
            }
            problems.forEach(p -> out.println("warning: " + p));
            out.println(all ? "every bindlab lab removed" : "lab in " + dir + " removed (its PKI and inventory too;"
                    + " logs kept in " + dir.resolve("logs") + ")");
            out.flush();
            return ExitCodes.OK;
        }
    }
}
