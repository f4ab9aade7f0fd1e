// bindlab run: a campaign over an inventory (or one target and its peer): listens for agents, runs the cells,
// journals each one, prints the matrix.
package bindlab.coordinator.cli;

import bindlab.coordinator.fleet.Inventory;
import bindlab.coordinator.fleet.InventoryParser;
import bindlab.coordinator.fleet.Reverts;
import bindlab.coordinator.run.CampaignDriver;
import bindlab.engine.BadInput;
import bindlab.engine.InputLimits;
import bindlab.engine.TextFile;
import bindlab.engine.run.CampaignPlan;
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
            description = "Where agents dial in (default: the inventory's bindlab_listen, else " + RunCommandSupport.DEFAULT_LISTEN + ").")
    String listen;

    @Mixin
    ScenarioOptions scenarios;

    @Mixin
    CampaignOptions campaign;

    @Mixin
    TlsOptions tls;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String source = fleet.inventory != null ? fleet.inventory.toString() : "--target/--peer";
        String text = fleet.inventory != null ? TextFile.read(fleet.inventory, InputLimits.YAML_FILE_BYTES)
                : pairInventory(fleet.pair);
        Inventory inv = InventoryParser.parse(source, text);
        String where = RunCommandSupport.listenOf(listen, inv);
        Path base = fleet.inventory != null ? fleet.inventory.toAbsolutePath().getParent() : Path.of("").toAbsolutePath();
        var security = tls.resolve(inv, base, spec.commandLine().getErr());
        CampaignPlan plan = campaign.plan(inv, scenarios);
        Path run = CampaignDriver.create(plan, campaign.store, campaign.name, text, where, commandLine(spec));
        spec.commandLine().getOut().println("store: " + run);
        Reverts.run(inv, run, spec.commandLine().getOut()); // VM snapshots, before any agent is waited for
        var r = CampaignDriver.serve(run, plan, inv, RunCommandSupport.parseListen(where), security, campaign.bar(),
                spec.commandLine().getOut());
        return r.incomplete() ? ExitCodes.INCOMPLETE : ExitCodes.OK;
    }

    static String commandLine(CommandSpec spec) {
        return "bindlab " + spec.name() + " " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }

    /** The same inventory shape a user would write, so a pair run stores a snapshot like any campaign. */
    static String pairInventory(Pair p) {
        if (p.target.equals(p.peer)) {
            throw BadInput.of("--peer", "--target and --peer must be different agents");
        }
        return "all:\n  hosts:\n    " + p.target + ":\n      bindlab_role: target\n      bindlab_peer: " + p.peer
                + "\n    " + p.peer + ":\n      bindlab_role: peer\n";
    }
}
