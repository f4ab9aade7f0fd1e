// Options every campaign shares: repeats, retries, parallelism, store, name, waits, progress.
package bindlab.coordinator.cli;

import bindlab.coordinator.fleet.Inventory;
import bindlab.engine.BadInput;
import bindlab.engine.run.CampaignPlan;
import bindlab.engine.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

public final class CampaignOptions {
    @Option(names = "--repeat", defaultValue = "1", description = "Repeats per scenario (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--retries", defaultValue = "2", description = "Retries of a cell lost to INFRA_ERROR (default ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--per-host-parallel", defaultValue = CampaignPlan.DEFAULT_PARALLEL_TEXT, paramLabel = "K",
            description = "Cells at once per target, on disjoint ports (default ${DEFAULT-VALUE}).")
    int perHostParallel;

    @Option(names = "--store", defaultValue = "bindlab-store", paramLabel = "ROOT",
            description = "Store root: runs go to ROOT/NAME/<timestamp>/ (default ${DEFAULT-VALUE}).")
    Path store;

    @Option(names = "--name", defaultValue = "campaign", description = "Campaign name (default ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--wait", defaultValue = "120", paramLabel = "SECONDS",
            description = "How long to wait for an agent to connect or come back (default ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Option(names = "--quiet", description = "No progress bar: plain periodic lines only.")
    boolean quiet;

    /** The limits' bounds; BadInput names the first option out of them. */
    void check() {
        check(repeat >= 1 && repeat <= 1000, "--repeat", "must be 1-1000");
        check(retries >= 0 && retries <= 100, "--retries", "must be 0-100");
        check(perHostParallel >= 1 && perHostParallel <= 256, "--per-host-parallel", "must be 1-256");
        check(waitSeconds >= 1 && waitSeconds <= 86400, "--wait", "must be 1-86400 seconds");
    }

    /** The plan, built once: the inventory's targets and peers, the chosen scenarios, these limits. */
    CampaignPlan plan(Inventory inv, ScenarioOptions chosen) {
        List<Scenario> scenarios = chosen.resolve();
        check();
        return CampaignPlan.of(inv.bindings(), chosen.planCatalog(), scenarios, repeat, retries, perHostParallel,
                waitSeconds * 1000L);
    }

    private static void check(boolean ok, String option, String problem) {
        if (!ok) {
            throw BadInput.of(option, problem);
        }
    }

    /** A bar only on a terminal and without --quiet. */
    boolean bar() {
        return !quiet && System.console() != null;
    }
}
