// bindlab scenarios: lists the catalog (plus user files) and shows a scenario's script.
package bindlab.coordinator.cli;

import bindlab.engine.BadInput;
import bindlab.engine.scenario.Scenario;
import bindlab.engine.scenario.ScenarioPrinter;
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

    @Option(names = "--filter", defaultValue = "all", description = "Ids or globs, comma-separated (default all).")
    String filter;

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
        String option = id != null ? "ID" : "--filter";
        List<Scenario> chosen = Selection.of(id != null ? id : filter, option).choose(Selection.available(files), option);
        switch (action) {
            case "list" -> {
                if (format == Format.json) {
                    out.println(ScenarioJson.list(chosen));
                } else {
                    chosen.forEach(s -> out.printf("%-70s %-18s %s%n", s.id(), ScenarioPrinter.states(s.states()), s.title()));
                    out.println(chosen.size() + " scenario(s)");
                }
            }
            case "show" -> {
                for (Scenario s : chosen) {
                    out.println("# " + s.source());
                    out.println("scenario " + s.id());
                    out.println("title " + s.title());
                    out.println("state " + ScenarioPrinter.states(s.states()));
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
}
