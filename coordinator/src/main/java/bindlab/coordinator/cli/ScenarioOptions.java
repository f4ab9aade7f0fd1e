// The scenario-choosing options shared by run and demo.
package bindlab.coordinator.cli;

import bindlab.engine.scenario.Scenario;
import bindlab.engine.scenario.Selection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

public final class ScenarioOptions {
    @Option(names = "--scenarios", defaultValue = "all", paramLabel = "ID,...|GLOB|all",
            description = "Scenario ids or globs, comma-separated, or 'all' (default).")
    String scenarios;

    @Option(names = "--scenarios-file", paramLabel = "FILE", description = "Extra scenario file(s) to load.")
    List<Path> files = new ArrayList<>();

    List<Scenario> resolve() {
        return Selection.of(scenarios, "--scenarios").choose(Selection.available(files), "--scenarios");
    }
}
