// bindlab matrix: merges the journals of one or more stores into the matrix, as text, Markdown, CSV, JSON or HTML;
// --view tables draws it as bind tables, for one host, two hosts or a host against a claim.
package bindlab.coordinator.cli;

import bindlab.coordinator.report.Matrix;
import bindlab.coordinator.report.MatrixCsv;
import bindlab.coordinator.report.MatrixJson;
import bindlab.coordinator.report.MatrixMarkdown;
import bindlab.coordinator.report.MatrixText;
import bindlab.coordinator.report.Terminal;
import bindlab.coordinator.views.ReportPage;
import bindlab.engine.BadInput;
import bindlab.engine.store.RunStore;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.MatrixReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "matrix", mixinStandardHelpOptions = true,
        description = "Merge the journals of one or more stores into the matrix (hosts x scenarios).")
public final class MatrixCommand implements Callable<Integer> {
    enum Format { text, md, csv, json, html }

    enum View { list, tables }

    @Parameters(arity = "0..*", paramLabel = "STORE", description = "Run directories or store roots (each root's 'latest').")
    List<Path> stores = new ArrayList<>();

    @Option(names = "--store", paramLabel = "DIR", description = "The same as a STORE argument; may be repeated.")
    List<Path> storeOptions = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text", description = "text, md, csv, json or html (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--scenarios", defaultValue = "all", paramLabel = "ID,...|GLOB|all",
            description = "Only these scenario ids or globs, comma-separated (default all).")
    String scenarios;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE (whole, atomically) instead of stdout.")
    Path out;

    @Option(names = "--view", defaultValue = "list", description = "list (a row per scenario) or tables (bind tables:"
            + " a grid per situation, first socket down the side, second across); default ${DEFAULT-VALUE}.")
    View view;

    @ArgGroup(exclusive = false)
    TableOptions tables = new TableOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Path> all = new ArrayList<>(stores);
        all.addAll(storeOptions);
        if (view == View.list && tables.any()) {
            throw BadInput.of("--host/--against/--claim", "choose what bind tables show: add --view tables");
        }
        List<CellRecord> records = StoreArgs.records(all);
        MatrixReport m = Matrix.build(records, StoreArgs.scenarios(scenarios, records));
        String text = render(m, records);
        PrintWriter stdout = spec.commandLine().getOut();
        if (out != null) {
            RunStore.writeAtomically(out, text);
            stdout.printf("wrote %s (%d cell(s), %d host(s), %d scenario(s))%n", out, m.getCellsCount(), m.getRowsCount(),
                    m.getColumnsCount());
        } else {
            stdout.print(text);
        }
        stdout.flush();
        return ExitCodes.OK;
    }

    private String render(MatrixReport m, List<CellRecord> records) {
        if (view == View.tables && format != Format.html) {
            return tables.render(m, format, out == null);
        }
        return switch (format) {
            case text -> MatrixText.render(m, out == null && Terminal.colours());
            case md -> MatrixMarkdown.render(m);
            case csv -> MatrixCsv.render(m);
            case json -> MatrixJson.render(m);
            case html -> ReportPage.render(m, records, view == View.tables ? tables.start() : ReportPage.Start.LIST,
                    tables.claims());
        };
    }
}
