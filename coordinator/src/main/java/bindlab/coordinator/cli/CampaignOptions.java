// Options every campaign shares: repeats, retries, parallelism, store, name, waits, progress.
package bindlab.coordinator.cli;

import bindlab.coordinator.fleet.Inventory;
import bindlab.coordinator.run.RunSpec;
import bindlab.coordinator.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

public final class CampaignOptions {
    @Option(names = "--repeat", defaultValue = "1", description = "Repeats per scenario (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--retries", defaultValue = "2", description = "Retries of a cell lost to INFRA_ERROR (default ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--per-host-parallel", defaultValue = "1", paramLabel = "K",
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

    RunSpec spec(Inventory inv, String inventoryText, List<Scenario> scenarios, String listen, String commandLine) {
        if (repeat < 1 || retries < 0 || perHostParallel < 1 || waitSeconds < 1) {
            throw new IllegalArgumentException("--repeat, --per-host-parallel and --wait must be >= 1, --retries >= 0");
        }
        return new RunSpec(inv, inventoryText, scenarios, repeat, retries, perHostParallel, store, name,
                Duration.ofSeconds(waitSeconds), listen, commandLine);
    }

    /** A bar only on a terminal and without --quiet. */
    boolean bar() {
        return !quiet && System.console() != null;
    }
}
