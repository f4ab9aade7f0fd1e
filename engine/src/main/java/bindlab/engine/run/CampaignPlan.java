// What one campaign runs, built once: which targets with which peers, which catalog, the controls (always first,
// alone, on every target), the chosen scenarios, repeats and limits. A new run writes it into its store; resume
// reads it back.
package bindlab.engine.run;

import bindlab.engine.InputLimits;
import bindlab.engine.TextFile;
import bindlab.engine.scenario.Catalog;
import bindlab.engine.scenario.Scenario;
import bindlab.engine.scenario.ScenarioParser;
import bindlab.engine.scenario.ScenarioPrinter;
import bindlab.engine.store.RunStore;
import bindlab.proto.v1.HostBinding;
import bindlab.proto.v1.RunManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;

public final class CampaignPlan {
    /** The line of a store's scenario set that names the catalog it was chosen from. */
    static final String CATALOG_LINE = "# catalog: ";
    /**
     * Cells at once per target unless told otherwise. Cells are independent (each has its own ports, and a peer's
     * filter rules are keyed by the target's port), so they overlap their waits; ParallelEqualsSerialTest checks that
     * every scenario gives the same outcome either way.
     */
    public static final int DEFAULT_PARALLEL = 16;
    /** DEFAULT_PARALLEL as the text an option's default needs. */
    public static final String DEFAULT_PARALLEL_TEXT = "16";

    private final List<HostBinding> bindings;
    private final String catalog;
    private final List<Scenario> controls;
    private final List<Scenario> scenarios;
    private final int repeat;
    private final int retries;
    private final int parallel;
    private final long agentWaitMs;
    private final String topology;

    private CampaignPlan(List<HostBinding> bindings, String catalog, List<Scenario> controls, List<Scenario> scenarios,
            int repeat, int retries, int parallel, long agentWaitMs, String topology) {
        this.bindings = Collections.unmodifiableList(new ArrayList<HostBinding>(bindings));
        this.catalog = catalog;
        this.controls = Collections.unmodifiableList(new ArrayList<Scenario>(controls));
        this.scenarios = Collections.unmodifiableList(new ArrayList<Scenario>(scenarios));
        this.repeat = repeat;
        this.retries = retries;
        this.parallel = parallel;
        this.agentWaitMs = agentWaitMs;
        this.topology = topology;
    }

    /** A new plan of scenarios chosen from the default catalog. */
    public static CampaignPlan of(List<HostBinding> bindings, List<Scenario> chosen, int repeat, int retries,
            int parallel, long agentWaitMs) {
        return of(bindings, Catalog.DEFAULT, chosen, repeat, retries, parallel, agentWaitMs);
    }

    /**
     * A new plan: the built-in controls first, then the chosen scenarios (any controls among them run once).
     * catalog says where they were chosen from ("full", "default --scenarios 'seed/**'"), for the store and the user.
     */
    public static CampaignPlan of(List<HostBinding> bindings, String catalog, List<Scenario> chosen, int repeat,
            int retries, int parallel, long agentWaitMs) {
        if (bindings.isEmpty()) {
            throw new IllegalArgumentException("a campaign needs at least one target");
        }
        if (repeat < 1 || retries < 0 || parallel < 1 || agentWaitMs < 1000) {
            throw new IllegalArgumentException("repeat and parallel must be >= 1, retries >= 0, the wait >= 1 s");
        }
        List<Scenario> controls = Catalog.controls();
        Set<String> controlIds = new HashSet<String>();
        for (Scenario c : controls) {
            controlIds.add(c.id());
        }
        List<Scenario> rest = new ArrayList<Scenario>();
        for (Scenario s : chosen) {
            if (!controlIds.contains(s.id())) {
                rest.add(s);
            }
        }
        return new CampaignPlan(bindings, catalog, controls, rest, repeat, retries, parallel, agentWaitMs, "");
    }

    /** The same plan, its records marked with how target and peer are connected ("solo"). */
    public CampaignPlan withTopology(String topology) {
        return new CampaignPlan(bindings, catalog, controls, scenarios, repeat, retries, parallel, agentWaitMs, topology);
    }

    /** The plan a store holds: its manifest and its scenario set, so resume needs nothing else. */
    public static CampaignPlan load(Path runDir) {
        RunManifest m = RunStore.manifest(runDir);
        Path file = runDir.resolve(m.getScenariosFile().isEmpty() ? RunStore.SCENARIOS : m.getScenariosFile());
        List<Scenario> all = ScenarioParser.read(file);
        String catalog = "";
        for (String line : TextFile.read(file, InputLimits.SCENARIO_FILE_BYTES).split("\n", 4)) {
            if (line.startsWith(CATALOG_LINE)) {
                catalog = line.substring(CATALOG_LINE.length()).trim(); // older stores have none
            }
        }
        List<Scenario> controls = new ArrayList<Scenario>();
        List<Scenario> rest = new ArrayList<Scenario>();
        for (Scenario s : all) {
            (s.isControl() ? controls : rest).add(s);
        }
        if (m.getHostsCount() == 0) {
            throw bindlab.engine.BadInput.of(runDir.resolve(RunStore.MANIFEST).toString(), "names no target host");
        }
        return new CampaignPlan(m.getHostsList(), catalog, controls, rest, Math.max(1, m.getRepeat()), m.getRetries(),
                Math.max(1, m.getPerHostParallel()), Math.max(1, m.getAgentWaitSeconds()) * 1000L, m.getTopology());
    }

    /** The manifest fields this plan owns (the caller adds the command line and where agents dial in). */
    public RunManifest.Builder manifest() {
        RunManifest.Builder m = RunManifest.newBuilder().setStartedUnixMs(System.currentTimeMillis())
                .setRepeat(repeat).setRetries(retries).setPerHostParallel(parallel)
                .setAgentWaitSeconds((int) (agentWaitMs / 1000)).setScenariosFile(RunStore.SCENARIOS).setTopology(topology)
                .addAllHosts(bindings);
        for (Scenario s : all()) {
            m.addScenarioIds(s.id());
        }
        return m;
    }

    /** The cells still to run, per target, controls first; a cell with a final record in done is skipped. */
    public Map<String, List<CellKey>> remaining(Set<CellKey> done) {
        Map<String, List<CellKey>> out = new LinkedHashMap<String, List<CellKey>>();
        for (HostBinding b : bindings) {
            List<CellKey> cells = new ArrayList<CellKey>();
            for (Scenario sc : all()) {
                for (int rep = 1; rep <= repeat; rep++) {
                    CellKey k = new CellKey(b.getTarget(), sc.id(), rep);
                    if (!done.contains(k)) {
                        cells.add(k);
                    }
                }
            }
            out.put(b.getTarget(), cells);
        }
        return out;
    }

    /** The scenario set as script text, for the store; its head names the catalog. */
    public String scenarioText() {
        String text = ScenarioPrinter.print(all());
        int end = text.indexOf('\n') + 1;
        return text.substring(0, end) + CATALOG_LINE + catalog + "\n" + text.substring(end);
    }

    /** Where the scenarios were chosen from: "default", "full", "full --scenarios 'conn/**'"; "" if not recorded. */
    public String catalog() {
        return catalog;
    }

    public List<HostBinding> bindings() {
        return bindings;
    }

    public List<Scenario> controls() {
        return controls;
    }

    public List<Scenario> scenarios() {
        return scenarios;
    }

    /** Controls, then the chosen scenarios. */
    public List<Scenario> all() {
        List<Scenario> out = new ArrayList<Scenario>(controls);
        out.addAll(scenarios);
        return out;
    }

    public int repeat() {
        return repeat;
    }

    public int retries() {
        return retries;
    }

    /** Cells at once per target. */
    public int parallel() {
        return parallel;
    }

    public long agentWaitMs() {
        return agentWaitMs;
    }

    /** CellRecord.topology for every record of this campaign; "" for a fleet or a lab. */
    public String topology() {
        return topology;
    }
}
