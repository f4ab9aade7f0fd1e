// bindlab run: a campaign over an inventory (or one target and its peer): listens for agents, runs the cells,
// journals each one, prints the matrix.
package bindlab.coordinator.cli;

import bindlab.coordinator.fleet.Inventory;
import bindlab.coordinator.fleet.InventoryParser;
import bindlab.coordinator.run.RunSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run scenarios x repeats on every target of an inventory (or on one --target/--peer pair).")
public final class RunCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Fleet fleet;

    static final class Fleet {
        @Option(names = "--inventory", paramLabel = "FILE", description = "Ansible YAML inventory (bindlab_role, bindlab_peer).")
        Path inventory;

        @ArgGroup(exclusive = false)
        Pair pair;
    }

    static final class Pair {
        @Option(names = "--target", required = true, description = "Agent name of the host under test.")
        String target;

        @Option(names = "--peer", required = true, description = "Agent name of the remote end.")
        String peer;
    }

    @Option(names = "--listen", paramLabel = "ADDR:PORT",
            description = "Where agents dial in (default: the inventory's bindlab_listen).")
    String listen;

    @Mixin
    TlsOptions tls;

    @Mixin
    ScenarioOptions scenarios;

    @Mixin
    CampaignOptions campaign;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String text = fleet.inventory != null ? Files.readString(fleet.inventory) : pairInventory(fleet.pair);
        Inventory inv = InventoryParser.parse(fleet.inventory != null ? fleet.inventory.toString() : "--target/--peer", text);
        String where = listen != null ? listen : Campaigns.listenOf(inv);
        Path base = fleet.inventory != null ? fleet.inventory.toAbsolutePath().getParent() : Path.of("").toAbsolutePath();
        var security = tls.resolve(inv, base, spec.commandLine().getErr());
        RunSpec run = campaign.spec(inv, text, scenarios.resolve(), where,
                "bindlab " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        return Campaigns.runNew(run, security, campaign.bar(), spec.commandLine().getOut());
    }

    /** The same inventory shape a user would write, so a pair run stores a snapshot like any campaign. */
    static String pairInventory(Pair p) {
        if (p.target.equals(p.peer)) {
            throw new IllegalArgumentException("--target and --peer must be different agents");
        }
        return "all:\n  hosts:\n    " + p.target + ":\n      bindlab_role: target\n      bindlab_peer: " + p.peer
                + "\n    " + p.peer + ":\n      bindlab_role: peer\n";
    }
}
