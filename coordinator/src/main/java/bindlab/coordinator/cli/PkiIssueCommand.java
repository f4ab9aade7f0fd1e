// bindlab pki issue: an agent's certificate (its name as CN), every inventory host's, or the coordinator's.
package bindlab.coordinator.cli;

import bindlab.coordinator.fleet.FleetHost;
import bindlab.coordinator.fleet.Inventory;
import bindlab.coordinator.fleet.InventoryParser;
import bindlab.coordinator.pki.FleetPki;
import bindlab.engine.BadInput;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "issue", mixinStandardHelpOptions = true,
        description = "Issue certificates: agents/NAME/ or coordinator/ in --dir, each with its own ca.crt.")
public final class PkiIssueCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "--agent", paramLabel = "NAME", description = "An agent (its inventory host name); repeatable.")
        List<String> agents;

        @Option(names = "--inventory", paramLabel = "FILE",
                description = "Every host of the inventory that has no certificate yet.")
        Path inventory;

        @Option(names = "--coordinator", description = "The coordinator (needs --san, or --inventory's bindlab_listen).")
        boolean coordinator;
    }

    @Option(names = "--san", paramLabel = "ADDR|NAME",
            description = "--coordinator: an address or DNS name agents dial; repeatable.")
    List<String> sans = new ArrayList<>();

    @Option(names = "--dir", defaultValue = TlsOptions.DEFAULT_PKI, paramLabel = "DIR",
            description = "The PKI directory (default ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--days", defaultValue = "825", description = "Lifetime in days (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--force", description = "Replace certificates that exist already.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (days < 1) {
            throw BadInput.of("--days", "must be at least 1");
        }
        FleetPki pki = FleetPki.open(dir);
        PrintWriter out = spec.commandLine().getOut();
        Duration life = Duration.ofDays(days);
        if (which.coordinator) {
            if (sans.isEmpty()) {
                throw BadInput.of("--san", "--coordinator needs --san ADDR (the address or name agents dial)");
            }
            refuseOverwrite(pki.coordinatorDir().resolve("coordinator.crt"));
            out.println("issued " + pki.issueCoordinator(sans, life) + " for " + String.join(", ", sans));
        } else {
            if (!sans.isEmpty()) {
                throw BadInput.of("--san", "is for --coordinator only (an agent's name is its CN)");
            }
            List<String> names = which.agents != null ? which.agents : new ArrayList<>();
            if (which.inventory != null) {
                Inventory inv = InventoryParser.read(which.inventory);
                for (FleetHost h : inv.hosts()) {
                    if (force || !Files.exists(pki.agentDir(h.name()).resolve("agent.crt"))) {
                        names.add(h.name());
                    }
                }
            }
            for (String n : names) {
                if (which.agents != null) {
                    refuseOverwrite(pki.agentDir(n).resolve("agent.crt"));
                }
                out.println("issued " + pki.issueAgent(n, life) + " (copy it to the host; the agent runs with --certs DIR)");
            }
            if (names.isEmpty()) {
                out.println("every inventory host has a certificate already (--force replaces them)");
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void refuseOverwrite(Path cert) {
        if (!force && Files.exists(cert)) {
            throw BadInput.of(cert.toString(), "exists already: pass --force to replace it");
        }
    }
}
