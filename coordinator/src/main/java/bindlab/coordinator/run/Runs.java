// Runs a campaign end to end on connected agents: the store (manifest, inventory snapshot, scenario set, log,
// journal), the campaign itself with progress and Ctrl-C handling, then the matrix and the run's report.html.
// Resume continues a store.
package bindlab.coordinator.run;

import bindlab.coordinator.fleet.FleetHost;
import bindlab.coordinator.fleet.Inventory;
import bindlab.coordinator.fleet.InventoryParser;
import bindlab.coordinator.hub.AgentHub;
import bindlab.coordinator.report.Matrix;
import bindlab.coordinator.report.MatrixHtml;
import bindlab.coordinator.report.MatrixText;
import bindlab.coordinator.report.Terminal;
import bindlab.coordinator.scenario.Catalog;
import bindlab.coordinator.scenario.Scenario;
import bindlab.coordinator.scenario.ScenarioParser;
import bindlab.coordinator.scenario.ScenarioPrinter;
import bindlab.coordinator.store.Journal;
import bindlab.coordinator.store.RunLog;
import bindlab.coordinator.store.Store;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.HostBinding;
import bindlab.proto.v1.Outcome;
import bindlab.proto.v1.RunManifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

public final class Runs {
    public static final String INVENTORY = "inventory.yml";
    public static final String SCENARIOS = "scenarios.scn";
    public static final String REPORT = "report.html";

    private Runs() {
    }

    /** Every run starts with the controls on its targets, whatever was selected: they decide if a host is trusted. */
    static List<Scenario> withControlsFirst(List<Scenario> chosen) {
        List<Scenario> out = new ArrayList<>(Catalog.builtIn().stream().filter(s -> s.control() != null).toList());
        chosen.stream().filter(s -> out.stream().noneMatch(c -> c.id().equals(s.id()))).forEach(out::add);
        return out;
    }

    /** Creates the store for a new campaign. */
    public static Path create(RunSpec spec) throws IOException {
        List<Scenario> scenarios = withControlsFirst(spec.scenarios());
        RunManifest.Builder manifest = RunManifest.newBuilder()
                .setCommandLine(spec.commandLine())
                .setStartedUnixMs(System.currentTimeMillis())
                .addAllScenarioIds(scenarios.stream().map(Scenario::id).toList())
                .setRepeat(spec.repeat())
                .setRetries(spec.retries())
                .setPerHostParallel(spec.perHostParallel())
                .setListen(spec.listen())
                .setAgentWaitSeconds((int) spec.agentWait().toSeconds())
                .setInventoryFile(INVENTORY)
                .setScenariosFile(SCENARIOS)
                .setCoordinatorVersion(AgentHub.VERSION);
        for (FleetHost t : spec.inventory().targets()) {
            manifest.addHosts(HostBinding.newBuilder().setTarget(t.name()).setPeer(t.peer()));
        }
        return Store.create(spec.storeRoot(), spec.name(), manifest,
                Map.of(INVENTORY, spec.inventoryText(), SCENARIOS, ScenarioPrinter.print(scenarios)));
    }

    /** What a store says to run: its own inventory snapshot and scenario set, so resume needs nothing else. */
    public static Campaign.Plan plan(Path runDir) throws IOException {
        RunManifest m = Store.manifest(runDir);
        Inventory inv = InventoryParser.read(runDir.resolve(m.getInventoryFile()));
        List<Scenario> scenarios = ScenarioParser.parse(runDir.resolve(m.getScenariosFile()).toString(),
                Files.readString(runDir.resolve(m.getScenariosFile())));
        return new Campaign.Plan(inv, scenarios, m.getRepeat(), m.getRetries(), Math.max(1, m.getPerHostParallel()),
                Duration.ofSeconds(Math.max(1, m.getAgentWaitSeconds())));
    }

    /**
     * Runs (or continues) the campaign in runDir on the hub's agents: cells with a result in the journal are skipped.
     * Ctrl-C stops taking new cells, lets running ones finish, and leaves a consistent journal to resume from.
     */
    public static Map<Outcome, Integer> execute(AgentHub hub, Path runDir, boolean bar, PrintWriter out)
            throws IOException, InterruptedException {
        Campaign.Plan plan = plan(runDir);
        Set<CellKey> done = new HashSet<>();
        for (CellRecord r : Journal.read(runDir)) {
            if (r.getOutcome() != Outcome.INFRA_ERROR) {
                done.add(CellKey.of(r));
            }
        }
        List<String> names = plan.inventory().hosts().stream().map(FleetHost::name).toList();
        out.printf("waiting up to %d s for %d agent(s) ...%n", plan.agentWait().toSeconds(), names.size());
        out.flush();
        List<String> missing = List.of();
        try {
            hub.await(names, plan.agentWait());
        } catch (IllegalStateException e) {
            missing = names.stream().filter(n -> hub.agent(n) == null).toList();
            out.println("warning: " + e.getMessage() + "; their cells become INFRA_ERROR until they connect"
                    + " (bindlab resume runs them again)");
        }
        Map<Outcome, Integer> tally;
        CountDownLatch finished = new CountDownLatch(1);
        try {
            try (RunLog log = RunLog.attach(runDir); Journal journal = Journal.append(runDir)) {
                Campaign campaign = new Campaign(hub, plan, journal, runDir.getFileName().toString());
                campaign.givenUp(missing);
                Map<String, List<CellKey>> todo = campaign.remaining(done);
                Map<String, Integer> counts = new LinkedHashMap<>();
                todo.forEach((h, cells) -> counts.put(h, cells.size()));
                out.printf("run %s: %d scenario(s) x %d repeat(s) on %d target(s); %d cell(s) to run, %d already done%n",
                        runDir, plan.scenarios().size(), plan.repeat(), plan.inventory().targets().size(),
                        counts.values().stream().mapToInt(Integer::intValue).sum(), done.size());
                out.flush();
                Thread hook = new Thread(() -> {
                    campaign.stop();
                    System.err.println("bindlab: stopping: running cells finish, the journal stays consistent; "
                            + "continue with: bindlab resume " + runDir);
                    try {
                        finished.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException ignored) {
                        Thread.currentThread().interrupt();
                    }
                }, "bindlab-ctrl-c");
                Runtime.getRuntime().addShutdownHook(hook);
                try (Progress progress = new Progress(out, counts, bar)) {
                    tally = campaign.run(todo, progress);
                } finally {
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException shuttingDown) {
                        // the hook is running: it waits for us (report included) before the JVM exits
                    }
                }
            }
            writeReport(runDir); // the journal is closed: the report shows every cell of the run, resumed ones too
        } finally {
            finished.countDown();
        }
        return tally;
    }

    /** Where every run leaves its HTML report. */
    public static Path report(Path runDir) {
        return runDir.resolve(REPORT);
    }

    /** The run's matrix as one self-contained HTML file, written whole (temp file, then rename). */
    static void writeReport(Path runDir) throws IOException {
        List<CellRecord> records = Journal.read(runDir);
        Store.writeAtomically(report(runDir), MatrixHtml.render(Matrix.build(records), records));
    }

    /** The matrix of the run, then the paths of the store and of its report.html. */
    public static void summarize(Path runDir, Map<Outcome, Integer> tally, PrintWriter out) throws IOException {
        out.println();
        out.print(MatrixText.render(Matrix.build(Journal.read(runDir)), Terminal.colours()));
        out.println("cells this session: " + tally);
        out.println("store: " + runDir);
        out.println("report: " + report(runDir));
        out.flush();
    }
}
