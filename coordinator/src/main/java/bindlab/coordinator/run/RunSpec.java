// What one run does: which agents, which scenarios, how often, where the store goes.
package bindlab.coordinator.run;

import bindlab.coordinator.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

public record RunSpec(String target, String peer, List<Scenario> scenarios, int repeat, int retries,
        Path storeRoot, Duration agentWait, String commandLine) {
}
