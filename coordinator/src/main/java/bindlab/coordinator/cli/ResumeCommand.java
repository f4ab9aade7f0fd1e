// bindlab resume: continues an interrupted campaign from its store; cells already journalled are not run again.
package bindlab.coordinator.cli;

import bindlab.coordinator.fleet.Inventory;
import bindlab.coordinator.fleet.InventoryParser;
import bindlab.coordinator.run.CampaignDriver;
import bindlab.engine.run.CampaignPlan;
import bindlab.engine.store.RunStore;
import bindlab.proto.v1.RunManifest;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue an interrupted campaign: its inventory snapshot and scenario set come from the store.")
public final class ResumeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "STORE", description = "The run directory (or ROOT/NAME with 'latest').")
    Path store;

    @Option(names = "--listen", paramLabel = "ADDR:PORT", description = "Override where agents dial in.")
    String listen;

    @Option(names = "--quiet", description = "No progress bar: plain periodic lines only.")
    boolean quiet;

    @Mixin
    TlsOptions tls;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path run = RunStore.resolveRun(store);
        RunManifest manifest = RunStore.manifest(run);
        CampaignPlan plan = CampaignPlan.load(run);
        Inventory inv = InventoryParser.read(run.resolve(manifest.getInventoryFile().isEmpty()
                ? CampaignDriver.INVENTORY : manifest.getInventoryFile()));
        bindlab.engine.store.Journal.read(run); // a broken journal is bad input, reported before any certificate
        // the snapshot lives in the store: a relative bindlab_pki is taken from the current directory
        var security = tls.resolve(inv, Path.of("").toAbsolutePath(), spec.commandLine().getErr());
        var r = CampaignDriver.serve(run, plan, inv, RunCommandSupport.parseListen(listen != null ? listen
                : manifest.getListen()), security, !quiet && System.console() != null, spec.commandLine().getOut());
        return r.incomplete() ? ExitCodes.INCOMPLETE : ExitCodes.OK;
    }
}
