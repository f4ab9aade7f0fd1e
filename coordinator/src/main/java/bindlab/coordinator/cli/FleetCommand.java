// bindlab fleet status: which inventory hosts have an agent connected, what they run, and who else dialled in.
package bindlab.coordinator.cli;

import bindlab.coordinator.fleet.FleetHost;
import bindlab.coordinator.fleet.Inventory;
import bindlab.coordinator.fleet.InventoryParser;
import bindlab.coordinator.hub.AgentHub;
import bindlab.coordinator.hub.AgentSession;
import bindlab.coordinator.hub.CoordinatorServer;
import bindlab.coordinator.hub.FleetAdmission;
import bindlab.coordinator.report.Families;
import bindlab.coordinator.report.Matrix;
import bindlab.engine.store.Journal;
import bindlab.engine.store.RunStore;
import bindlab.proto.v1.HostIdentity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "fleet", mixinStandardHelpOptions = true, subcommands = FleetCommand.Status.class,
        description = "The fleet's agents: 'fleet status' shows every inventory host.")
public final class FleetCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a fleet command: status");
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "The state of every inventory host.")
    static final class Status implements Callable<Integer> {
        @Option(names = "--inventory", required = true, paramLabel = "FILE", description = "Ansible YAML inventory.")
        Path inventory;

        @Option(names = "--listen", paramLabel = "ADDR:PORT", description = "Where agents dial in (default: inventory's bindlab_listen).")
        String listen;

        @Option(names = "--wait", defaultValue = "10", paramLabel = "SECONDS", description = "How long to listen (default ${DEFAULT-VALUE}).")
        int waitSeconds;

        @Option(names = "--store", paramLabel = "DIR", description = "Mark hosts that failed a control in this store UNTRUSTED.")
        Path store;

        @Mixin
        TlsOptions tls;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Inventory inv = InventoryParser.read(inventory);
            Set<String> untrusted = store == null ? Set.of() : Matrix.untrustedHosts(Journal.read(RunStore.resolveRun(store)));
            var security = tls.resolve(inv, inventory.toAbsolutePath().getParent(), spec.commandLine().getErr());
            AgentHub hub = new AgentHub(new FleetAdmission(inv), security.tls());
            PrintWriter out = spec.commandLine().getOut();
            String where = RunCommandSupport.listenOf(listen, inv);
            try (CoordinatorServer server = CoordinatorServer.start(RunCommandSupport.parseListen(where), hub, security)) {
                out.printf("listening on %s (%s) for %d s ...%n", where,
                        security.tls() ? "mutual TLS" : "INSECURE plain text", waitSeconds);
                out.flush();
                long deadline = System.currentTimeMillis() + waitSeconds * 1000L;
                while (System.currentTimeMillis() < deadline && inv.hosts().stream().anyMatch(h -> hub.agent(h.name()) == null)) {
                    Thread.sleep(200);
                }
                out.print(table(inv, hub, untrusted));
                hub.refused().forEach((name, r) -> out.printf("refused: %s (%s) from %s, %d time(s): %s%n", name, r.os(),
                        r.from(), r.times(), r.reason()));
            }
            out.flush();
            return ExitCodes.OK;
        }

        static String table(Inventory inv, AgentHub hub, Set<String> untrusted) {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("host", "role", "state", "os", "version", "build.ubr / kernel", "last heartbeat"));
            for (FleetHost h : inv.hosts()) {
                AgentSession s = hub.agent(h.name());
                HostIdentity id = s == null ? HostIdentity.getDefaultInstance() : s.hello().getIdentity();
                String state = s == null ? "DOWN" : untrusted.contains(h.name()) ? "UNTRUSTED"
                        : s.pendingBatches() > 0 ? "BUSY" : "READY";
                String build = Families.isWine(id) ? "Wine on " + id.getWineHost() + " (NOT Windows)"
                        : Families.isWindows(id) ? id.getBuild() + "." + id.getUbr() : id.getOsVersion();
                String beat = s == null ? "-" : (System.currentTimeMillis() - s.lastHeardMs()) / 1000 + " s ago";
                rows.add(List.of(h.name(), h.role(), state, id.getOsName(), id.getOsVersion(), build, beat));
            }
            return bindlab.coordinator.report.MatrixText.layout(rows);
        }
    }
}
