// Starts the coordinator for a campaign (new or resumed), runs it, prints the matrix: shared by run, resume, demo.
package bindlab.coordinator.cli;

import bindlab.coordinator.fleet.FleetHost;
import bindlab.coordinator.fleet.Inventory;
import bindlab.coordinator.hub.AgentHub;
import bindlab.coordinator.hub.CoordinatorServer;
import bindlab.coordinator.run.RunSpec;
import bindlab.coordinator.run.Runs;
import bindlab.proto.v1.Outcome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

final class Campaigns {
    static final String DEFAULT_LISTEN = "0.0.0.0:47000";

    private Campaigns() {
    }

    /** The inventory's all-hosts var bindlab_listen (a lab writes it), else the default. */
    static String listenOf(Inventory inv) {
        return inv.hosts().stream().map(h -> h.vars().get("bindlab_listen")).filter(v -> v != null && !v.isEmpty())
                .findFirst().orElse(DEFAULT_LISTEN);
    }

    static int runNew(RunSpec spec, boolean bar, PrintWriter out) throws Exception {
        Path runDir = Runs.create(spec);
        out.println("store: " + runDir);
        return serve(runDir, spec.inventory(), spec.listen(), bar, out);
    }

    static int serve(Path runDir, Inventory inv, String listen, boolean bar, PrintWriter out) throws Exception {
        AgentHub hub = new AgentHub(Duration.ofSeconds(2), inv::contains);
        try (CoordinatorServer server = CoordinatorServer.start(RunCommandSupport.parseListen(listen), hub)) {
            out.printf("listening for %d agent(s) on %s (port %d): %s%n", inv.hosts().size(), listen, server.port(),
                    String.join(", ", inv.hosts().stream().map(FleetHost::name).toList()));
            out.flush();
            Map<Outcome, Integer> tally = Runs.execute(hub, runDir, bar, out);
            Runs.summarize(runDir, tally, out);
            boolean incomplete = tally.getOrDefault(Outcome.INFRA_ERROR, 0) > 0;
            return incomplete ? ExitCodes.INCOMPLETE : ExitCodes.OK;
        }
    }
}
