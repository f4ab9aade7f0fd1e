// The scenario-choosing options shared by run and demo: which built-in catalog, which of its scenarios, extra files.
package bindlab.coordinator.cli;

import bindlab.engine.scenario.Catalog;
import bindlab.engine.scenario.Scenario;
import bindlab.engine.scenario.Selection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

public final class ScenarioOptions {
    @Option(names = "--catalog", defaultValue = Catalog.DEFAULT, paramLabel = "default|full",
            description = "Built-in catalog: default, or full (every dimension crossed; see 'bindlab scenarios list"
                    + " --catalog full'). Default: ${DEFAULT-VALUE}.")
    String catalog;

    @Option(names = "--scenarios", defaultValue = "all", paramLabel = "ID,...|GLOB|all",
            description = "Scenario ids or globs, comma-separated, or 'all' (default): chosen from the catalog.")
    String scenarios;

    @Option(names = "--scenarios-file", paramLabel = "FILE", description = "Extra scenario file(s) to load.")
    List<Path> files = new ArrayList<>();

    /** The choice, made once (a demo asks before its lab is built and again for its plan). */
    private List<Scenario> chosen;

    List<Scenario> resolve() {
        if (chosen == null) {
            chosen = Selection.choose(catalog, scenarios, "--scenarios", files);
        }
        return chosen;
    }

    /** The catalog the run's plan records: its name, and the selection when it is not the whole catalog. */
    String planCatalog() {
        return Selection.describe(catalog, scenarios);
    }
}
