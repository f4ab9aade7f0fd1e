// bindlab demo: the embedded default. Builds a local lab (namespaces with root, loopback without), writes its
// inventory, runs the same campaign path as 'bindlab run --inventory' against it, prints the matrix, tears it down,
// prints the answers, and ends with the path of the run's report.html. --wine: the targets run under Wine.
package bindlab.coordinator.cli;

import bindlab.coordinator.answers.Summary;
import bindlab.coordinator.fleet.Inventory;
import bindlab.coordinator.fleet.InventoryParser;
import bindlab.coordinator.hub.AgentHub;
import bindlab.coordinator.hub.CoordinatorServer;
import bindlab.coordinator.lab.Lab;
import bindlab.coordinator.lab.WineRuntime;
import bindlab.coordinator.run.CampaignDriver;
import bindlab.engine.BadInput;
import bindlab.engine.run.CampaignPlan;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Build a local lab, run the catalog against it, print the matrix, tear it down.")
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    ScenarioOptions scenarios;

    @Mixin
    CampaignOptions campaign;

    @Mixin
    AgentLaunchOptions launch;

    @Option(names = "--targets", defaultValue = "1", description = "Lab targets (default ${DEFAULT-VALUE}).")
    int targets;

    @Option(names = "--peers", defaultValue = "1", description = "Lab peers (default ${DEFAULT-VALUE}).")
    int peers;

    @Option(names = "--loopback", description = "Use agents on 127.0.0.x even with root (no namespaces, no filters).")
    boolean loopback;

    @Option(names = "--agents-as", paramLabel = "UID",
            description = "Loopback lab only: run the agents as this uid (e.g. 65534), to see what a non-root user gets.")
    String agentsAs;

    @Option(names = "--wine", description = "The targets run the same agent jar on a Windows x64 Java 8 under Wine"
            + " (a private prefix each; peers stay Linux agents). Installs wine as root and fetches the JRE into"
            + " ~/.cache/bindlab if missing. Results are Wine's socket rules, never Windows'.")
    boolean wine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        scenarios.resolve(); // bad input fails before any lab is built
        campaign.check();
        if (agentsAs != null && !loopback) {
            throw BadInput.of("--agents-as", "needs --loopback (namespace agents must run as root)");
        }
        if (agentsAs != null && wine) {
            throw BadInput.of("--wine", "does not mix with --agents-as: a Wine prefix has one owner");
        }
        WineRuntime runtime = wine ? WineRuntime.prepare(out) : null;
        boolean ns = !loopback && Lab.namespacesPossible();
        if (!ns) {
            out.println(loopback ? "loopback lab (--loopback): agents on 127.0.0.x"
                    : "not root (or no iproute2): loopback lab on 127.0.0.x; scenarios needing a packet filter or"
                    + " another user will be NOT_APPLICABLE");
        }
        Path runDir;
        CampaignDriver.Result result;
        try (Lab lab = Lab.up(targets, peers, ns)) {
            lab.runAgentsAs(agentsAs);
            // Ctrl-C (the lab's agents run in sessions of their own, so it reaches only this JVM): before or after
            // the cells the lab comes down at once; while cells run, the campaign's own hook lets them finish and
            // the lab comes down after them
            AtomicBoolean cellsRunning = new AtomicBoolean();
            CountDownLatch cellsOver = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                if (cellsRunning.get()) {
                    try {
                        cellsOver.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                lab.close();
            }, "bindlab-lab-teardown");
            try {
                Runtime.getRuntime().addShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                return ExitCodes.INCOMPLETE; // Ctrl-C while the lab was built: closing it here takes it down
            }
            try {
                if (runtime != null) {
                    lab.runTargetsUnderWine(runtime, out);
                }
                Lab.Control control = lab.control(launch.unixSocketProblem()); // a Unix socket, or TCP (see there)
                int port = control.port();
                String text = lab.inventory(port);
                Files.createDirectories(campaign.store);
                Path invFile = campaign.store.resolve("lab-" + lab.id() + "-inventory.yml");
                Files.writeString(invFile, text);
                Inventory inv = InventoryParser.parse(invFile.toString(), text);
                out.printf("%s lab %s: coordinator %s%s; inventory %s%n", ns ? "namespace" : "loopback", lab.id(),
                        CoordinatorServer.describe(control.listen()),
                        control.whyTcp() == null ? "" : " (TCP, not a Unix socket: " + control.whyTcp() + ")", invFile);
                // The agents start now: their JVMs come up while the store is written and the coordinator starts
                // listening (they redial every 100 ms at first, so they connect as soon as it does).
                // (not for agents run as another user: they get a copy of the jar, which the archive does not match)
                lab.agentExtraFlags(agentsAs == null ? launch.archiveFlags() : java.util.List.of());
                lab.startAgents(launch.java(), launch.jar(), port, campaign.store.resolve("lab-" + lab.id()));
                CampaignPlan plan = campaign.plan(inv, scenarios);
                runDir = CampaignDriver.create(plan, campaign.store, campaign.name, text,
                        CoordinatorServer.describe(control.listen()), RunCommand.commandLine(spec));
                out.println("store: " + runDir);
                if (lab.plainTextReason() != null) {
                    spec.commandLine().getErr().println(CoordinatorServer.insecureBanner());
                    spec.commandLine().getErr().println("bindlab: " + lab.plainTextReason());
                    spec.commandLine().getErr().flush();
                }
                // the lab comes down while the report is written
                Thread teardown = new Thread(lab::close, "bindlab-lab-teardown");
                result = CampaignDriver.serve(runDir, plan, inv, control.listen(), control.security(), campaign.bar(),
                        out, new CampaignDriver.LabHooks() {
                            @Override
                            public void hubReady(AgentHub hub) {
                                lab.watchAgents(hub::gone);
                            }

                            @Override
                            public void cellsStarting() {
                                cellsRunning.set(true);
                            }

                            @Override
                            public void cellsDone() {
                                cellsOver.countDown();
                                teardown.start();
                            }
                        });
                teardown.join();
            } finally {
                cellsOver.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C: the hook is running and takes the lab down
                }
            }
        }
        out.println("lab torn down");
        Summary.print(out, result.records());
        out.printf("demo: %d cell(s) in %.1f s: %.1f cells/s%n", result.cells(), result.elapsedMs() / 1000.0,
                result.cells() * 1000.0 / Math.max(1, result.elapsedMs()));
        out.println("report: " + CampaignDriver.report(runDir)); // last, so the path is easy to find after the answers
        return result.incomplete() ? ExitCodes.INCOMPLETE : ExitCodes.OK;
    }

}
