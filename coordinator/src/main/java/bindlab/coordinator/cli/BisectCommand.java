// bindlab bisect: for one scenario's change, the known Windows releases between the two tested versions that were
// not tested, marked when the inventory has them, and which to test next.
package bindlab.coordinator.cli;

import bindlab.coordinator.answers.Bisect;
import bindlab.coordinator.answers.BisectText;
import bindlab.coordinator.answers.Changes;
import bindlab.coordinator.fleet.FleetHost;
import bindlab.coordinator.fleet.InventoryParser;
import bindlab.engine.BadInput;
import bindlab.coordinator.report.Matrix;
import bindlab.proto.v1.MatrixCell;
import bindlab.proto.v1.MatrixReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bisect", mixinStandardHelpOptions = true,
        description = "The untested Windows releases between the versions where a scenario's outcome changes.")
public final class BisectCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "STORE", description = "Run directories or store roots (their 'latest').")
    List<Path> stores;

    @Option(names = "--scenario", required = true, paramLabel = "ID", description = "One scenario id.")
    String scenario;

    @Option(names = "--inventory", paramLabel = "FILE",
            description = "Ansible-style YAML inventory; hosts with var bindlab_build (e.g. 19045) are marked.")
    Path inventory;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        MatrixReport m = Matrix.build(StoreArgs.records(stores));
        List<MatrixCell> cells = m.getCellsList().stream().filter(c -> c.getScenarioId().equals(scenario)).toList();
        if (cells.isEmpty()) {
            List<String> near = m.getCellsList().stream().map(MatrixCell::getScenarioId).distinct()
                    .filter(id -> id.startsWith(scenario.substring(0, Math.max(0, scenario.lastIndexOf('/')))))
                    .limit(3).toList();
            throw BadInput.of("--scenario", "no cell of scenario '" + scenario + "' in " + stores
                    + (near.isEmpty() ? "" : "; similar ids there: " + String.join(", ", near)));
        }
        Map<String, FleetHost> hosts = new java.util.LinkedHashMap<>();
        if (inventory != null) {
            InventoryParser.read(inventory).hosts().forEach(h -> hosts.put(h.name(), h));
        }
        Changes.Report r = Changes.analyze(m, scenario::equals);
        PrintWriter out = spec.commandLine().getOut();
        if (r.boundaries().isEmpty()) {
            out.println(scenario + ": no change across the tested identities, nothing to bisect");
            r.timelines().getOrDefault(scenario, Map.of()).forEach((family, points) -> out.println("  " + family + ": "
                    + String.join(", ", points.stream().map(p -> p.identity().version() + " " + p.observed()).toList())));
            out.println("  " + bindlab.coordinator.answers.ChangesText.leftOut(r.leftOut()));
        } else {
            out.print(BisectText.render(scenario, r.boundaries().stream().map(b -> Bisect.of(b, hosts)).toList(),
                    inventory != null));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
