// Solo mode: the whole campaign on one machine, with no coordinator. The target and the peer are two in-process
// agents over this host's loopback; the engine (catalog, cell runner, campaign, journal) is the coordinator's own.
// The store it writes merges with fleet stores in 'bindlab matrix'.
package bindlab.agent.solo;

import bindlab.agent.AgentMain;
import bindlab.agent.StepExecutor;
import bindlab.agent.platform.Platform;
import bindlab.engine.run.Agent;
import bindlab.engine.run.AgentDirectory;
import bindlab.engine.run.Campaign;
import bindlab.engine.run.CampaignPlan;
import bindlab.engine.run.CellKey;
import bindlab.engine.run.Progress;
import bindlab.engine.store.Journal;
import bindlab.engine.store.RunStore;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.Hello;
import bindlab.proto.v1.HostBinding;
import bindlab.proto.v1.HostIdentity;
import bindlab.proto.v1.Outcome;
import bindlab.proto.v1.PortRange;
import bindlab.proto.v1.ScopeHost;
import bindlab.proto.v1.SessionScope;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

final class SoloRun {
    /** CellRecord.topology of every solo record. */
    static final String TOPOLOGY = "solo";
    static final String PEER_SUFFIX = "-peer";

    private final Platform platform;
    private final PrintWriter out;

    SoloRun(Platform platform, PrintWriter out) {
        this.platform = platform;
        this.out = out;
    }

    /** The two agents' Hellos: the target's sandbox is the lower half of ports, the peer's the upper half. */
    Map<String, Hello> hellos(HostBinding b, PortRange ports, boolean shareHostname) {
        int mid = ports.getLow() + (ports.getHigh() - ports.getLow()) / 2;
        PortRange targetPorts = PortRange.newBuilder().setLow(ports.getLow()).setHigh(mid).build();
        PortRange peerPorts = PortRange.newBuilder().setLow(mid + 1).setHigh(ports.getHigh()).build();
        Hello target = AgentMain.hello(b.getTarget(), platform, targetPorts, "127.0.0.1", "::1");
        HostIdentity.Builder id = target.getIdentity().toBuilder();
        if (!shareHostname) {
            id.clearHostname(); // nothing private beyond what a bind matrix needs
        }
        target = target.toBuilder().setIdentity(id).build();
        Hello peer = target.toBuilder().setAgentName(b.getPeer()).setPorts(peerPorts)
                .setCapabilities(target.getCapabilities().toBuilder().setPacketFilter(false)
                        .setPacketFilterBackend("solo mode: the peer is this same host, so a filter would cut both ends"))
                .build();
        Map<String, Hello> out = new LinkedHashMap<String, Hello>();
        out.put(b.getTarget(), target);
        out.put(b.getPeer(), peer);
        return out;
    }

    /** The other agents of this solo run, as the sandbox's scope: their loopback addresses and port ranges. */
    static SessionScope scopeOfOthers(String me, Map<String, Hello> hellos) {
        SessionScope.Builder scope = SessionScope.newBuilder();
        for (Map.Entry<String, Hello> e : hellos.entrySet()) {
            if (!e.getKey().equals(me)) {
                ScopeHost.Builder h = ScopeHost.newBuilder().setName(e.getKey()).setPorts(e.getValue().getPorts());
                for (String a : new String[] {e.getValue().getAddressV4(), e.getValue().getAddressV6()}) {
                    if (!a.isEmpty()) {
                        h.addAddresses(a);
                    }
                }
                scope.addHosts(h);
            }
        }
        return scope.build();
    }

    /** Runs (or continues) the campaign in runDir; returns whether every cell has a final result. */
    boolean run(Path runDir, CampaignPlan plan, PortRange ports, boolean shareHostname) throws IOException, InterruptedException {
        HostBinding b = plan.bindings().get(0);
        ExecutorService threads = Executors.newCachedThreadPool(daemon());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon());
        final Map<String, LocalAgent> agents = new HashMap<String, LocalAgent>();
        Map<String, Hello> hellos = hellos(b, ports, shareHostname);
        for (Map.Entry<String, Hello> e : hellos.entrySet()) {
            StepExecutor executor = new StepExecutor(platform, e.getValue().getPorts());
            // what a coordinator's SessionScope says: each side may reach the other's sandbox on loopback
            executor.sandbox().declare(scopeOfOthers(e.getKey(), hellos));
            agents.put(e.getKey(), new LocalAgent(e.getValue(), executor, threads, timer));
        }
        AgentDirectory directory = new AgentDirectory() {
            @Override
            public Agent await(String name, long timeoutMs) {
                return agents.get(name);
            }
        };
        Set<CellKey> done = new HashSet<CellKey>();
        for (CellRecord r : Journal.read(runDir)) {
            if (r.getOutcome() != Outcome.INFRA_ERROR) {
                done.add(CellKey.of(r));
            }
        }
        Map<String, List<CellKey>> todo = plan.remaining(done);
        Map<String, Integer> counts = new LinkedHashMap<String, Integer>();
        int total = 0;
        for (Map.Entry<String, List<CellKey>> e : todo.entrySet()) {
            counts.put(e.getKey(), e.getValue().size());
            total += e.getValue().size();
        }
        out.printf("solo run %s: %d scenario(s) x %d repeat(s); %d cell(s) to run, %d already done%n", runDir,
                plan.all().size(), plan.repeat(), total, done.size());
        out.flush();
        final CountDownLatch finished = new CountDownLatch(1);
        Map<Outcome, Integer> tally;
        int left;
        try (Journal journal = Journal.append(runDir); Progress progress = new Progress(out, counts, null)) {
            final Campaign campaign = new Campaign(plan, directory, journal, runDir.getFileName().toString(), progress);
            Thread hook = new Thread(() -> {
                campaign.stop();
                System.err.println("bindlab-agent: stopping: running cells finish; continue with: bindlab-agent solo"
                        + " --resume " + runDir);
                try {
                    finished.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }, "bindlab-solo-ctrl-c");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                tally = campaign.run(todo);
                left = campaign.leftForResume();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running and waits for us
                }
            }
        } finally {
            for (LocalAgent a : agents.values()) {
                a.releaseAll();
            }
            threads.shutdownNow();
            timer.shutdownNow();
            finished.countDown();
        }
        out.println("cells this session: " + tally);
        Integer infra = tally.get(Outcome.INFRA_ERROR);
        return left == 0 && (infra == null || infra == 0);
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r, "bindlab-solo");
            t.setDaemon(true);
            return t;
        };
    }
}
