// The options of `bindlab matrix --view tables`: which host's bind tables, and against which host or claim.
package bindlab.coordinator.cli;

import bindlab.coordinator.answers.Claim;
import bindlab.coordinator.answers.ClaimsFile;
import bindlab.coordinator.report.Terminal;
import bindlab.coordinator.views.BindTables;
import bindlab.coordinator.views.BindTablesMarkdown;
import bindlab.coordinator.views.BindTablesText;
import bindlab.coordinator.views.ReportPage;
import bindlab.engine.BadInput;
import bindlab.proto.v1.MatrixReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

final class TableOptions {
    @Option(names = "--host", paramLabel = "HOST", description = "Only this host's tables (a host name or row label).")
    String host;

    @Option(names = "--against", paramLabel = "HOST", description = "With --host: a second host, differing cells marked.")
    String against;

    @Option(names = "--claim", paramLabel = "ID", description = "With --host: a published claim (or one from --claims),"
            + " cells that contradict it marked.")
    String claim;

    @Option(names = "--claims", paramLabel = "FILE", description = "A claims file (YAML) to take --claim from; repeatable.")
    List<Path> files = new ArrayList<>();

    /** Whether a host, a second host or a claim was named. */
    boolean any() {
        return host != null || against != null || claim != null;
    }

    /** The tables as text or Markdown; BadInput for a host or claim that is not there, or another format. */
    String render(MatrixReport m, MatrixCommand.Format format, boolean toTerminal) {
        List<BindTables.Table> tables = select(m);
        return switch (format) {
            case text -> BindTablesText.render(m, tables, toTerminal && Terminal.colours());
            case md -> BindTablesMarkdown.render(m, tables);
            default -> throw BadInput.of("--view tables", "takes --format text, md or html, not " + format);
        };
    }

    /** Where the HTML page opens: the tables view, on the host and comparison asked for. */
    ReportPage.Start start() {
        return new ReportPage.Start("tables", host, against, claim);
    }

    List<BindTables.Table> select(MatrixReport m) {
        try {
            return BindTables.select(m, host, against, claim == null ? null : claim());
        } catch (IllegalArgumentException e) {
            throw BadInput.of("--view tables", e.getMessage());
        }
    }

    /** The built-in claims and those of the --claims files. */
    List<Claim> claims() {
        List<List<Claim>> sets = new ArrayList<>(List.of(ClaimsFile.builtIn()));
        files.forEach(f -> sets.add(ClaimsFile.read(f)));
        return ClaimsFile.merge(sets);
    }

    private Claim claim() {
        return claims().stream().filter(c -> c.id().equals(claim)).findFirst()
                .orElseThrow(() -> BadInput.of("--claim", "no claim '" + claim + "' (see 'bindlab claims')"));
    }
}
