// bindlab matrix: prints the matrix of a finished run from its journal, as text or JSON.
package bindlab.coordinator.cli;

import bindlab.coordinator.report.Matrix;
import bindlab.coordinator.report.MatrixText;
import bindlab.coordinator.store.Journal;
import bindlab.coordinator.store.Store;
import bindlab.proto.v1.MatrixReport;
import com.google.protobuf.util.JsonFormat;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "matrix", mixinStandardHelpOptions = true, description = "Print the matrix of a run from its journal.")
public final class MatrixCommand implements Callable<Integer> {
    enum Format { text, json }

    @Option(names = "--store", required = true, description = "A run directory, or a store root (uses its 'latest').")
    Path store;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE}).")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path run = Store.resolveRun(store);
        MatrixReport m = Matrix.build(Journal.read(run));
        spec.commandLine().getOut().print(format == Format.json
                ? JsonFormat.printer().includingDefaultValueFields().print(m) + "\n"
                : MatrixText.render(m));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
