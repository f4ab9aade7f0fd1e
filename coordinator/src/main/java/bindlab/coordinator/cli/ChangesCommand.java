// bindlab changes: per OS family and scenario, the adjacent tested versions whose outcomes differ, collapsed into
// findings; as text or as browser-compat-data-like JSON.
package bindlab.coordinator.cli;

import bindlab.coordinator.answers.Changes;
import bindlab.coordinator.answers.ChangesText;
import bindlab.coordinator.answers.CompatJson;
import bindlab.coordinator.report.Matrix;
import bindlab.proto.v1.MatrixReport;
import com.google.protobuf.util.JsonFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "changes", mixinStandardHelpOptions = true,
        description = "Where outcomes change between adjacent tested versions, per OS family and scenario.")
public final class ChangesCommand implements Callable<Integer> {
    enum Format { text, bcd_json }

    @Parameters(arity = "1..*", paramLabel = "STORE", description = "Run directories or store roots (their 'latest').")
    List<Path> stores;

    @Option(names = "--scenarios", defaultValue = "all", paramLabel = "ID,...|GLOB|all",
            description = "Scenario ids or globs, comma-separated, or 'all' (default).")
    String scenarios;

    @Option(names = "--format", defaultValue = "text", converter = FormatConverter.class,
            description = "text or bcd-json (default ${DEFAULT-VALUE}).")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var records = StoreArgs.records(stores);
        MatrixReport m = Matrix.build(records);
        Changes.Report r = Changes.analyze(m, StoreArgs.scenarios(scenarios, records));
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == Format.bcd_json
                ? JsonFormat.printer().includingDefaultValueFields().print(CompatJson.build(r)) + "\n"
                : ChangesText.render(r));
        out.flush();
        return ExitCodes.OK;
    }

    /** "bcd-json" on the command line, bcd_json in Java. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("--format must be text or bcd-json, got '" + value + "'");
            }
        }
    }
}
