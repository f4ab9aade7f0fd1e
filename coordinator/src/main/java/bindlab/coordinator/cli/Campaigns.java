// Starts the coordinator for a campaign (new or resumed), runs it, prints the matrix: shared by run, resume, demo.
package bindlab.coordinator.cli;

import bindlab.coordinator.fleet.FleetHost;
import bindlab.coordinator.fleet.Inventory;
import bindlab.coordinator.fleet.Reverts;
import bindlab.coordinator.hub.AgentHub;
import bindlab.coordinator.hub.CoordinatorServer;
import bindlab.coordinator.hub.FleetAdmission;
import bindlab.coordinator.run.RunSpec;
import bindlab.coordinator.run.Runs;
import bindlab.proto.v1.Outcome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

final class Campaigns {
    private Campaigns() {
    }

    /**
     * The inventory's bindlab_listen (the address agents dial; a lab writes it). There is no default: listening on
     * every interface would offer the coordinator to networks the fleet is not on.
     */
    static String listenOf(Inventory inv) {
        return inv.hosts().stream().map(h -> h.vars().get("bindlab_listen")).filter(v -> v != null && !v.isEmpty())
                .findFirst().orElseThrow(() -> new IllegalArgumentException(inv.file() + ": bindlab_listen: the"
                        + " inventory names no address for the coordinator (set bindlab_listen: ADDR:PORT under all:vars,"
                        + " the address agents dial) or pass --listen"));
    }

    static int runNew(RunSpec spec, CoordinatorServer.Security security, boolean bar, PrintWriter out) throws Exception {
        Path runDir = Runs.create(spec);
        out.println("store: " + runDir);
        Reverts.run(spec.inventory(), runDir, out);
        return serve(runDir, spec.inventory(), spec.listen(), security, bar, out);
    }

    static int serve(Path runDir, Inventory inv, String listen, CoordinatorServer.Security security, boolean bar,
            PrintWriter out) throws Exception {
        AgentHub hub = new AgentHub(Duration.ofSeconds(2), new FleetAdmission(inv), security.tls());
        try (CoordinatorServer server = CoordinatorServer.start(RunCommandSupport.parseListen(listen), hub, security)) {
            out.printf("listening for %d agent(s) on %s (port %d, %s): %s%n", inv.hosts().size(), listen, server.port(),
                    security.tls() ? "mutual TLS" : "INSECURE plain text",
                    String.join(", ", inv.hosts().stream().map(FleetHost::name).toList()));
            out.flush();
            Map<Outcome, Integer> tally = Runs.execute(hub, runDir, bar, out);
            Runs.summarize(runDir, tally, out);
            boolean incomplete = tally.getOrDefault(Outcome.INFRA_ERROR, 0) > 0;
            return incomplete ? ExitCodes.INCOMPLETE : ExitCodes.OK;
        }
    }
}
