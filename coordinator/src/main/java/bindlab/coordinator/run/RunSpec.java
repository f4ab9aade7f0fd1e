// What one campaign does: the inventory (and its text, kept as a snapshot), scenarios, repeats, limits, store.
package bindlab.coordinator.run;

import bindlab.coordinator.fleet.Inventory;
import bindlab.coordinator.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

public record RunSpec(Inventory inventory, String inventoryText, List<Scenario> scenarios, int repeat, int retries,
        int perHostParallel, Path storeRoot, String name, Duration agentWait, String listen, String commandLine) {
}
