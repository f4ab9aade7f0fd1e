// bindlab claims: checks published claims (built in) and the user's own claims files against the stores: a
// verdict per claim per host.
package bindlab.coordinator.cli;

import bindlab.coordinator.answers.Claim;
import bindlab.coordinator.answers.ClaimCheck;
import bindlab.coordinator.answers.ClaimsFile;
import bindlab.coordinator.answers.ClaimsText;
import bindlab.engine.BadInput;
import bindlab.coordinator.report.Matrix;
import bindlab.proto.v1.MatrixReport;
import com.google.protobuf.util.JsonFormat;
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

@Command(name = "claims", mixinStandardHelpOptions = true,
        description = "Verdict per published claim per host: confirmed, refuted (with the cells) or untested.")
public final class ClaimsCommand implements Callable<Integer> {
    enum Format { text, json }

    @Parameters(arity = "1..*", paramLabel = "STORE", description = "Run directories or store roots (their 'latest').")
    List<Path> stores;

    @Option(names = "--claims", paramLabel = "FILE", description = "A claims file (YAML) to check as well; repeatable.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--no-builtin", description = "Check only the --claims files, not the built-in published claims.")
    boolean noBuiltIn;

    @Option(names = "--all-families", description = "Also list claims about another OS family than the host's.")
    boolean allFamilies;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE}).")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<List<Claim>> sets = new ArrayList<>();
        if (!noBuiltIn) {
            sets.add(ClaimsFile.builtIn());
        }
        for (Path f : files) {
            List<Claim> own = ClaimsFile.read(f);
            ClaimsFile.unmatched(own).forEach(w -> spec.commandLine().getErr().println("bindlab: warning: " + w));
            sets.add(own);
        }
        if (sets.isEmpty()) {
            throw BadInput.of("--no-builtin", "needs at least one --claims FILE");
        }
        List<Claim> claims = ClaimsFile.merge(sets);
        MatrixReport m = Matrix.build(StoreArgs.records(stores));
        List<ClaimCheck.Verdict> verdicts = ClaimCheck.check(claims, m);
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == Format.json
                ? JsonFormat.printer().includingDefaultValueFields().print(ClaimsText.json(m.getRunIdsList(), verdicts)) + "\n"
                : ClaimsText.render(verdicts, allFamilies));
        out.flush();
        spec.commandLine().getErr().flush();
        return ExitCodes.OK;
    }
}
