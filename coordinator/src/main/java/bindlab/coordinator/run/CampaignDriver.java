// Drives a campaign on live agents: creates the run's store (or continues one), listens for the inventory's agents,
// runs the engine's Campaign with progress and Ctrl-C, then writes report.html and prints the summary. run, resume
// and demo all come through here; the plan is built once by the caller (or read once from the store on resume).
package bindlab.coordinator.run;

import bindlab.coordinator.fleet.Inventory;
import bindlab.coordinator.hub.AgentHub;
import bindlab.coordinator.hub.CoordinatorServer;
import bindlab.coordinator.hub.FleetAdmission;
import bindlab.coordinator.lab.LabRepair;
import bindlab.coordinator.report.Matrix;
import bindlab.coordinator.report.MatrixText;
import bindlab.coordinator.report.Terminal;
import bindlab.coordinator.store.RunLog;
import bindlab.coordinator.views.ReportPage;
import bindlab.engine.run.Campaign;
import bindlab.engine.run.CampaignPlan;
import bindlab.engine.run.CellKey;
import bindlab.engine.run.Progress;
import bindlab.engine.store.Journal;
import bindlab.engine.store.RunStore;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.HostBinding;
import bindlab.proto.v1.Outcome;
import bindlab.proto.v1.RunManifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

public final class CampaignDriver {
    /** The inventory snapshot in a run directory. */
    public static final String INVENTORY = "inventory.yml";

    /** What a drive did: final outcomes of this session, cells left for resume, and how long it took. */
    /** records: every record of the run, this session's and earlier ones, as the journal holds them. */
    /** cpuMs: the CPU time this coordinator process spent while the cells ran (every thread, JIT and GC too). */
    public record Result(Map<Outcome, Integer> tally, int leftForResume, long elapsedMs, long cpuMs,
            List<CellRecord> records) {
        /** Cells given a final record this session. */
        public int cells() {
            return tally.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** True when something has no result yet: an INFRA_ERROR, or cells left for resume. */
        public boolean incomplete() {
            return tally.getOrDefault(Outcome.INFRA_ERROR, 0) > 0 || leftForResume > 0;
        }
    }

    private CampaignDriver() {
    }

    /** A new run directory for the plan: manifest, scenario set, inventory snapshot, empty journal. */
    public static Path create(CampaignPlan plan, Path root, String name, String inventoryText, String listen,
            String commandLine) throws IOException {
        RunManifest.Builder m = plan.manifest().setCommandLine(commandLine).setListen(listen)
                .setInventoryFile(INVENTORY).setCoordinatorVersion(AgentHub.VERSION);
        return RunStore.create(root, name, m, Map.of(INVENTORY, inventoryText, RunStore.SCENARIOS, plan.scenarioText()));
    }

    /**
     * Listens for the inventory's agents on listen (mutual TLS unless security is insecure; a TCP address, or a Unix
     * socket for agents on this host), runs (or continues) the run in runDir, prints the summary.
     */
    public static Result serve(Path runDir, CampaignPlan plan, Inventory inv, SocketAddress listen,
            CoordinatorServer.Security security, boolean bar, PrintWriter out)
            throws IOException, InterruptedException {
        return serve(runDir, plan, inv, listen, security, bar, out, null);
    }

    /** What a lab that serve runs on hears of the campaign (DemoCommand). */
    public interface LabHooks {
        /** Before any agent is awaited: the lab reports its agents' exits to the hub. */
        void hubReady(AgentHub hub);

        /** The cells start: from here until cellsDone, Ctrl-C lets running cells finish on the lab's agents. */
        void cellsStarting();

        /** The journal is closed, before the report is written: the lab starts its teardown here. */
        void cellsDone();
    }

    /** The same on a lab (hooks, or null for none). */
    public static Result serve(Path runDir, CampaignPlan plan, Inventory inv, SocketAddress listen,
            CoordinatorServer.Security security, boolean bar, PrintWriter out, LabHooks hooks)
            throws IOException, InterruptedException {
        AgentHub hub = new AgentHub(new FleetAdmission(inv), security);
        if (hooks != null) {
            hooks.hubReady(hub);
        }
        try (CoordinatorServer server = CoordinatorServer.start(listen, hub, security)) {
            out.printf("listening for %d agent(s) on %s (%s): %s%n", inv.hosts().size(),
                    CoordinatorServer.describe(listen), security.describe(), String.join(", ", inv.names()));
            out.flush();
            return drive(hub, runDir, plan, bar, out, LabRepair.of(inv), hooks);
        }
    }

    /**
     * Runs (or continues) the campaign in runDir on the hub's agents: cells with a final record in the journal are
     * skipped. Ctrl-C stops taking new cells, lets running ones finish, and leaves a consistent journal to resume.
     */
    public static Result drive(AgentHub hub, Path runDir, CampaignPlan plan, boolean bar, PrintWriter out)
            throws IOException, InterruptedException {
        return drive(hub, runDir, plan, bar, out, null, null);
    }

    /**
     * The same, with a lab's repair of its own invariants when the hosts fail a health check (null: none), and the
     * lab's hooks (null: none).
     */
    static Result drive(AgentHub hub, Path runDir, CampaignPlan plan, boolean bar, PrintWriter out,
            LabRepair repair, LabHooks hooks) throws IOException, InterruptedException {
        Set<CellKey> done = new HashSet<>();
        List<CellRecord> earlier = Journal.read(runDir);
        for (CellRecord r : earlier) {
            if (r.getOutcome() != Outcome.INFRA_ERROR) {
                done.add(CellKey.of(r));
            }
        }
        List<String> names = new ArrayList<>();
        for (HostBinding b : plan.bindings()) {
            names.add(b.getTarget());
            if (!names.contains(b.getPeer())) {
                names.add(b.getPeer());
            }
        }
        out.printf("waiting up to %d s for %d agent(s) ...%n", plan.agentWaitMs() / 1000, names.size());
        out.flush();
        List<String> missing = hub.awaitAll(names, plan.agentWaitMs());
        if (!missing.isEmpty()) {
            out.println("warning: agent(s) " + missing + " did not connect; their targets' cells are left for"
                    + " 'bindlab resume " + runDir + "'");
            for (String n : missing) {
                String why = hub.gone(n); // asked once: an agent may connect between two questions
                if (why != null) {
                    out.println("  " + n + ": " + why);
                }
            }
        }
        CountDownLatch finished = new CountDownLatch(1);
        Result result;
        List<CellRecord> records = new ArrayList<>(earlier);
        try {
            try (RunLog log = RunLog.attach(runDir); Journal journal = Journal.append(runDir)) {
                Map<String, Integer> counts = new LinkedHashMap<>();
                Campaign[] campaign = {null};
                Map<String, List<CellKey>> todo = plan.remaining(done);
                todo.forEach((h, cells) -> counts.put(h, cells.size()));
                try (Progress p = new Progress(out, counts, bar ? new TerminalBar(counts) : null)) {
                    campaign[0] = new Campaign(plan, hub, journal, runDir.getFileName().toString(), events(p, repair));
                    out.printf("run %s: %d scenario(s)%s x %d repeat(s) on %d target(s); %d cell(s) to run, %d already"
                            + " done%n", runDir, plan.all().size(), plan.catalog().isEmpty() ? ""
                            : " (catalog " + plan.catalog() + ")", plan.repeat(), plan.bindings().size(),
                            counts.values().stream().mapToInt(Integer::intValue).sum(), done.size());
                    out.flush();
                    Thread hook = new Thread(() -> {
                        campaign[0].stop();
                        System.err.println("bindlab: stopping: running cells finish, the journal stays consistent; "
                                + "continue with: bindlab resume " + runDir);
                        try {
                            finished.await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException ignored) {
                            Thread.currentThread().interrupt();
                        }
                    }, "bindlab-ctrl-c");
                    if (hooks != null) {
                        hooks.cellsStarting();
                    }
                    try {
                        Runtime.getRuntime().addShutdownHook(hook);
                    } catch (IllegalStateException shuttingDown) {
                        campaign[0].stop(); // Ctrl-C came first: no cell starts, all are left for resume
                    }
                    try {
                        Map<Outcome, Integer> tally;
                        long cpuBefore = processCpuMs();
                        try {
                            tally = campaign[0].run(todo);
                        } finally {
                            records.addAll(journal.written()); // the file's order; no second read of the journal
                        }
                        result = new Result(tally, campaign[0].leftForResume(), p.elapsedMs(),
                                processCpuMs() - cpuBefore, records);
                    } finally {
                        try {
                            Runtime.getRuntime().removeShutdownHook(hook);
                        } catch (IllegalStateException shuttingDown) {
                            // the hook is running: it waits for us (report included) before the JVM exits
                        }
                    }
                }
            }
            if (hooks != null) {
                hub.campaignOver();
                hooks.cellsDone();
            }
            writeReport(runDir, records); // the journal is closed: every cell of the run, resumed ones too
            summarize(runDir, result, out); // before the Ctrl-C hook lets the JVM exit: what is left, how to go on
        } finally {
            finished.countDown();
        }
        return result;
    }

    /** The progress, plus the lab's repair when the hosts fail a health check. */
    private static Campaign.Events events(Progress progress, LabRepair repair) {
        return new Campaign.Events() {
            @Override
            public void cellDone(CellRecord rec) {
                progress.cellDone(rec);
            }

            @Override
            public void note(String message) {
                progress.note(message);
            }

            @Override
            public void unhealthy(String target, String peer, String problem) {
                if (repair != null) {
                    repair.restore(List.of(target, peer)).forEach(d -> progress.note("lab repair: " + d));
                }
            }
        };
    }

    /** CPU time of this process so far (all threads), or 0 where the JVM does not tell. */
    static long processCpuMs() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() / 1_000_000 : 0;
    }

    /** Where every run leaves its HTML report. */
    public static Path report(Path runDir) {
        return runDir.resolve(RunStore.REPORT);
    }

    /** The run's matrix as one self-contained HTML file, written whole (temp file, then rename). */
    static void writeReport(Path runDir, List<CellRecord> records) throws IOException {
        RunStore.writeAtomically(report(runDir), ReportPage.render(Matrix.build(records), records));
    }

    /** The matrix of the run, this session's tally and speed, then the paths of the store and of its report.html. */
    private static void summarize(Path runDir, Result r, PrintWriter out) {
        out.println();
        out.print(MatrixText.render(Matrix.build(r.records()), Terminal.colours()));
        out.printf("cells this session: %d in %.1f s (%.1f cells/s; coordinator CPU %.1f s, %.2f ms a cell): %s%n",
                r.cells(), r.elapsedMs() / 1000.0, r.cells() * 1000.0 / Math.max(1, r.elapsedMs()), r.cpuMs() / 1000.0,
                r.cpuMs() / (double) Math.max(1, r.cells()), r.tally());
        if (r.leftForResume() > 0) {
            out.println("left for resume: " + r.leftForResume() + " cell(s); continue with: bindlab resume " + runDir);
        }
        out.println("store: " + runDir);
        out.println("report: " + report(runDir));
        out.flush();
    }
}
