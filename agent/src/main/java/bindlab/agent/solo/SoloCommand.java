// bindlab-agent solo: runs the catalog on this one machine, target and peer on its loopback, with no coordinator, and
// writes one zip to send. Stop it any time; --resume continues.
package bindlab.agent.solo;

import bindlab.agent.AgentMain;
import bindlab.agent.platform.Platform;
import bindlab.agent.platform.Platforms;
import bindlab.engine.BadInput;
import bindlab.engine.run.CampaignPlan;
import bindlab.engine.scenario.Selection;
import bindlab.engine.store.RunStore;
import bindlab.proto.v1.HostBinding;
import bindlab.proto.v1.PortRange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "solo", mixinStandardHelpOptions = true,
        description = {"Runs the catalog on this machine alone: target and peer on its loopback, no coordinator.",
            "Writes a store and one zip of it to send; Ctrl-C stops, --resume continues."})
public final class SoloCommand implements Callable<Integer> {
    /** Linux's ephemeral ports end at 60999 and Windows' start at 49152: the sandbox stays clear of both. */
    static final String LINUX_PORTS = "61000-61999";
    static final String WINDOWS_PORTS = "40000-40999";

    @Option(names = "--store", defaultValue = "bindlab-solo-store", paramLabel = "DIR",
            description = "Where runs go: DIR/solo/<timestamp>/ (default ${DEFAULT-VALUE}).")
    Path store;

    @Option(names = "--scenarios", defaultValue = "all", paramLabel = "ID,...|GLOB|all",
            description = "Scenario ids or globs, comma-separated, or 'all' (default).")
    String scenarios;

    @Option(names = "--repeat", defaultValue = "1", description = "Repeats per scenario (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--parallel", defaultValue = "1", paramLabel = "K", description = "Cells at once (default ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--ports", paramLabel = "LO-HI",
            description = "Ports the two agents may bind, split in half (default " + LINUX_PORTS + " on Linux, "
                    + WINDOWS_PORTS + " on Windows: clear of the ephemeral ranges).")
    String ports;

    @Option(names = "--label", paramLabel = "NAME",
            description = "A name for this machine in the matrix (default: solo- and 8 random hex digits).")
    String label;

    @Option(names = "--share-hostname", description = "Also record this machine's host name (not recorded by default).")
    boolean shareHostname;

    @Option(names = "--resume", description = "Continue the latest run in --store instead of starting one.")
    boolean resume;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Platform platform = Platforms.current();
        PortRange range = AgentMain.parsePorts(ports != null ? ports
                : platform.name().toLowerCase(java.util.Locale.ROOT).contains("windows") ? WINDOWS_PORTS : LINUX_PORTS);
        if (range.getHigh() - range.getLow() < 19) {
            throw BadInput.of("--ports", "needs at least 20 ports (10 per agent), got " + ports);
        }
        Path runDir;
        CampaignPlan plan;
        if (resume) {
            runDir = RunStore.resolveRun(store.resolve("solo"));
            plan = CampaignPlan.load(runDir);
        } else {
            plan = plan();
            runDir = RunStore.create(store, "solo", plan.manifest().setCommandLine(commandLine())
                    .setCoordinatorVersion("bindlab-agent " + AgentMain.VERSION + " solo"),
                    Collections.singletonMap(RunStore.SCENARIOS, plan.scenarioText()));
        }
        out.println("store: " + runDir);
        boolean complete = new SoloRun(platform, out).run(runDir, plan, range, shareHostname);
        Path zip = zip(runDir);
        out.println("zip to send: " + zip + " (" + Files.size(zip) + " bytes)");
        if (!complete) {
            out.println("not every cell has a result yet: continue with 'bindlab-agent solo --resume --store " + store + "'");
        }
        out.flush();
        return complete ? 0 : 1;
    }

    private CampaignPlan plan() {
        if (repeat < 1 || repeat > 100 || parallel < 1 || parallel > 64) {
            throw BadInput.of("--repeat/--parallel", "--repeat must be 1-100 and --parallel 1-64");
        }
        String name = label != null ? label : "solo-" + String.format("%08x", new SecureRandom().nextInt());
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,40}") || name.startsWith("fixture")) {
            throw BadInput.of("--label", "'" + name + "' must be 1-41 letters, digits, _ . - and not start with 'fixture'");
        }
        HostBinding b = HostBinding.newBuilder().setTarget(name).setPeer(name + SoloRun.PEER_SUFFIX).build();
        return CampaignPlan.of(Collections.singletonList(b),
                Selection.of(scenarios, "--scenarios").choose(Selection.available(Collections.<Path>emptyList()), "--scenarios"),
                repeat, 0, parallel, 5000).withTopology(SoloRun.TOPOLOGY);
    }

    /** The exact command, without the launcher's paths (they may hold a user name). */
    private String commandLine() {
        return "bindlab-agent solo " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }

    /** The run directory as one zip beside it, written whole (a temp file, then a rename). */
    static Path zip(Path runDir) throws IOException {
        Path zip = runDir.resolveSibling("bindlab-solo-" + runDir.getFileName() + ".zip");
        Path tmp = zip.resolveSibling(zip.getFileName() + ".tmp");
        Map<String, Path> files = new HashMap<String, Path>();
        for (String f : new String[] {RunStore.MANIFEST, RunStore.SCENARIOS, bindlab.engine.store.Journal.FILE}) {
            files.put(f, runDir.resolve(f));
        }
        try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream z = new ZipOutputStream(os)) {
            for (Map.Entry<String, Path> f : files.entrySet()) {
                z.putNextEntry(new ZipEntry(runDir.getFileName() + "/" + f.getKey()));
                Files.copy(f.getValue(), z);
                z.closeEntry();
            }
        }
        Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return zip;
    }
}
