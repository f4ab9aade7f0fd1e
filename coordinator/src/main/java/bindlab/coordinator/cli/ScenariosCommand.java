// bindlab scenarios: lists a catalog (plus user files) with its size per dimension, and shows a scenario's script.
package bindlab.coordinator.cli;

import bindlab.engine.BadInput;
import bindlab.engine.scenario.Scenario;
import bindlab.engine.scenario.ScenarioPrinter;
import bindlab.engine.scenario.Catalog;
import bindlab.engine.scenario.Selection;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "scenarios", mixinStandardHelpOptions = true, description = "List scenarios or show one's script.")
public final class ScenariosCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", defaultValue = "list", description = "list | show")
    String action;

    @Parameters(index = "1", arity = "0..1", description = "scenario id (for show)")
    String id;

    @Option(names = {"--scenarios", "--filter"}, defaultValue = "all", paramLabel = "IDS|GLOB",
            description = "Ids or globs, comma-separated, as run and demo take them (default all).")
    String filter;

    @Option(names = "--catalog", defaultValue = Catalog.DEFAULT, paramLabel = "default|full",
            description = "Built-in catalog to list (default ${DEFAULT-VALUE}); 'show ID' finds an id in either.")
    String catalog;

    enum Format { text, json }

    @Option(names = "--format", defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--scenarios-file", paramLabel = "FILE", description = "Extra scenario file(s) to load.")
    List<Path> files = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String option = id != null ? "ID" : typed("--filter") ? "--filter" : "--scenarios"; // errors name what was typed
        List<Scenario> chosen = Selection.choose(id != null ? Catalog.FULL : catalog, id != null ? id : filter,
                option, files);
        switch (action) {
            case "list" -> {
                if (format == Format.json) {
                    out.println(ScenarioJson.list(chosen));
                } else {
                    chosen.forEach(s -> out.printf("%-70s %-18s %s%n", s.id(), ScenarioPrinter.states(s), s.title()));
                    out.print(CatalogSizes.describe(chosen, filter.equals("all") && files.isEmpty() ? catalog : null));
                }
            }
            case "show" -> {
                for (Scenario s : chosen) {
                    out.println("# " + s.source());
                    out.println("scenario " + s.id());
                    out.println("title " + s.title());
                    out.println("state " + ScenarioPrinter.states(s));
                    if (s.control() != null) {
                        out.println("control " + s.control());
                    }
                    if (!s.dims().isEmpty()) {
                        out.println("dim " + s.dims().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                                .sorted().collect(java.util.stream.Collectors.joining(" ")));
                    }
                    s.steps().forEach(t -> out.println(t.text()));
                    out.println();
                }
            }
            default -> throw BadInput.of(action, "unknown action: use list or show");
        }
        out.flush();
        return ExitCodes.OK;
    }

    private boolean typed(String option) {
        return spec.commandLine().getParseResult().originalArgs().stream()
                .anyMatch(a -> a.equals(option) || a.startsWith(option + "="));
    }
}
