// bindlab scenarios: lists the catalog (plus user files) and shows a scenario's script.
package bindlab.coordinator.cli;

import bindlab.coordinator.scenario.Scenario;
import bindlab.coordinator.scenario.ScenarioPrinter;
import bindlab.coordinator.scenario.Selection;
import bindlab.coordinator.scenario.StepTemplate;
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
        List<Scenario> chosen = Selection.select(Selection.available(files), id != null ? id : filter);
        switch (action) {
            case "list" -> {
                if (format == Format.json) {
                    out.println(ScenarioJson.list(chosen));
                } else {
                    chosen.forEach(s -> out.printf("%-70s %-18s %s%n", s.id(), ScenarioPrinter.states(s), s.title()));
                    out.println(chosen.size() + " scenario(s)");
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
                    s.steps().stream().map(StepTemplate::text).forEach(out::println);
                    out.println();
                }
            }
            default -> throw new IllegalArgumentException("unknown action '" + action + "': use list or show");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
