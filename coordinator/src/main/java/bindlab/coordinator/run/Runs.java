// Executes a run end to end on connected agents: store, journal, campaign, then the matrix from the journal.
package bindlab.coordinator.run;

import bindlab.coordinator.hub.AgentHub;
import bindlab.coordinator.report.Matrix;
import bindlab.coordinator.report.MatrixText;
import bindlab.coordinator.scenario.Catalog;
import bindlab.coordinator.scenario.Scenario;
import bindlab.coordinator.store.Journal;
import bindlab.coordinator.store.Store;
import bindlab.proto.v1.HostBinding;
import bindlab.proto.v1.Outcome;
import bindlab.proto.v1.RunManifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

public final class Runs {
    private Runs() {
    }

    /** Every run starts with the controls on its target, whatever was selected: they decide if the host is trusted. */
    static List<Scenario> withControlsFirst(List<Scenario> chosen) {
        List<Scenario> out = new java.util.ArrayList<>(Catalog.builtIn().stream().filter(s -> s.control() != null).toList());
        chosen.stream().filter(s -> out.stream().noneMatch(c -> c.id().equals(s.id()))).forEach(out::add);
        return out;
    }

    /** Waits for the agents, runs every cell, prints the matrix; returns the run directory. */
    public static Path execute(AgentHub hub, RunSpec spec, PrintWriter out) throws IOException, InterruptedException {
        out.printf("waiting up to %d s for agents %s and %s ...%n", spec.agentWait().toSeconds(), spec.target(), spec.peer());
        out.flush();
        hub.await(List.of(spec.target(), spec.peer()), spec.agentWait());
        List<Scenario> scenarios = withControlsFirst(spec.scenarios());
        RunManifest.Builder manifest = RunManifest.newBuilder()
                .setCommandLine(spec.commandLine())
                .setStartedUnixMs(System.currentTimeMillis())
                .addAllScenarioIds(scenarios.stream().map(Scenario::id).toList())
                .setRepeat(spec.repeat())
                .addHosts(HostBinding.newBuilder().setTarget(spec.target()).setPeer(spec.peer()))
                .setCoordinatorVersion(AgentHub.VERSION);
        Path runDir = Store.create(spec.storeRoot(), manifest);
        out.printf("run %s: %d scenario(s) x %d repeat(s) on target %s, peer %s%n", runDir.getFileName(),
                scenarios.size(), spec.repeat(), spec.target(), spec.peer());
        Map<Outcome, Integer> tally;
        try (Journal journal = Journal.append(runDir)) {
            tally = new Campaign(hub, spec.target(), spec.peer(), spec.retries(), spec.agentWait(), out)
                    .run(runDir.getFileName().toString(), scenarios, spec.repeat(), journal);
        }
        out.println();
        out.print(MatrixText.render(Matrix.build(Journal.read(runDir))));
        out.println();
        out.println("cells: " + tally);
        out.println("store: " + runDir);
        out.flush();
        return runDir;
    }
}
