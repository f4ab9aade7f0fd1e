// bindlab changes: per OS family and scenario, the adjacent tested versions whose outcomes differ, collapsed into
// findings; as text, as browser-compat-data-like JSON, or as a version timeline (Markdown or HTML).
package bindlab.coordinator.cli;

import bindlab.coordinator.answers.Changes;
import bindlab.coordinator.answers.ChangesText;
import bindlab.coordinator.answers.CompatJson;
import bindlab.coordinator.fleet.FleetHost;
import bindlab.coordinator.fleet.InventoryParser;
import bindlab.coordinator.report.Matrix;
import bindlab.coordinator.views.Timeline;
import bindlab.coordinator.views.TimelineHtml;
import bindlab.coordinator.views.TimelineMarkdown;
import bindlab.proto.v1.MatrixReport;
import com.google.protobuf.util.JsonFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "changes", mixinStandardHelpOptions = true,
        description = "Where outcomes change between adjacent tested versions, per OS family and scenario.")
public final class ChangesCommand implements Callable<Integer> {
    enum Format { text, bcd_json, timeline_md, timeline_html }

    @Parameters(arity = "1..*", paramLabel = "STORE", description = "Run directories or store roots (their 'latest').")
    List<Path> stores;

    @Option(names = "--scenarios", defaultValue = "all", paramLabel = "ID,...|GLOB|all",
            description = "Scenario ids or globs, comma-separated, or 'all' (default).")
    String scenarios;

    @Option(names = "--format", defaultValue = "text", converter = FormatConverter.class,
            description = "text, bcd-json, timeline-md or timeline-html (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--inventory", paramLabel = "FILE", description = "For the timeline: the fleet's inventory, so"
            + " bisect's pick prefers a release an inventory host runs (host var bindlab_build).")
    Path inventory;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var records = StoreArgs.records(stores);
        MatrixReport m = Matrix.build(records);
        Changes.Report r = Changes.analyze(m, StoreArgs.scenarios(scenarios, records));
        PrintWriter out = spec.commandLine().getOut();
        out.print(switch (format) {
            case text -> ChangesText.render(r);
            case bcd_json -> JsonFormat.printer().includingDefaultValueFields().print(CompatJson.build(r)) + "\n";
            case timeline_md -> TimelineMarkdown.render(Timeline.of(r, hosts()), r.leftOut());
            case timeline_html -> TimelineHtml.render(Timeline.of(r, hosts()), r.leftOut());
        });
        out.flush();
        return ExitCodes.OK;
    }

    /** The inventory's hosts by name; none without --inventory. */
    private Map<String, FleetHost> hosts() {
        Map<String, FleetHost> out = new LinkedHashMap<>();
        if (inventory != null) {
            InventoryParser.read(inventory).hosts().forEach(h -> out.put(h.name(), h));
        }
        return out;
    }

    /** "bcd-json" on the command line, bcd_json in Java. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "--format must be text, bcd-json, timeline-md or timeline-html, got '" + value + "'");
            }
        }
    }
}
