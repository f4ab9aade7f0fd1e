// The scenario-choosing options shared by run and demo.
package bindlab.coordinator.cli;

import bindlab.coordinator.scenario.Scenario;
import bindlab.coordinator.scenario.Selection;
import java.io.IOException;
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

    List<Scenario> resolve() throws IOException {
        return Selection.select(Selection.available(files), scenarios);
    }
}
