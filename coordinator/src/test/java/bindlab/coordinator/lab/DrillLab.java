// A namespace lab with its agents up, shared by the drills of one test class: built once, and at the end checked to
// hold nothing open or filtered before it is removed.
package bindlab.coordinator.lab;

import bindlab.agent.platform.linux.ProcNetTcpParser;
import bindlab.coordinator.CiRequirement;
import bindlab.proto.v1.TcpState;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

final class DrillLab implements AutoCloseable {
    final Lab lab;
    /** The coordinator's port; the inventory names it. */
    final int port;
    final Path inventory;

    private DrillLab(Lab lab, int port, Path inventory) {
        this.lab = lab;
        this.port = port;
        this.inventory = inventory;
    }

    /** targets targets and one peer, their agents started; the inventory and agent logs go to dir. */
    static DrillLab up(String test, int targets, Path dir) throws Exception {
        CiRequirement.require(Lab.namespacesPossible(), test, "needs root and iproute2 to build network namespaces");
        Lab lab = Lab.up(targets, 1, true);
        try {
            int port = LabRun.freePort(lab.coordinatorAddress());
            Path inventory = dir.resolve("lab.yml");
            Files.writeString(inventory, lab.inventory(port));
            lab.startAgents(LabRun.agentJava(), LabRun.agentJar(), port, dir.resolve("agent-logs"));
            return new DrillLab(lab, port, inventory);
        } catch (Exception | Error e) {
            lab.close();
            throw e;
        }
    }

    LabHost host(String name) {
        return lab.hosts().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    }

    /** Waits (at most 120 s) until one of the host's sandbox ports has held the state for at least ms. */
    void awaitState(String host, TcpState state, long ms) throws Exception {
        LabHost h = host(host);
        Map<Integer, Long> since = new HashMap<>();
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            Set<Integer> seen = new HashSet<>();
            for (var r : new ProcNetTcpParser(ByteOrder.nativeOrder()).parse(lab.exec(h, "cat", "/proc/net/tcp"), 0,
                    Set.of(), 0)) {
                int p = r.getLocal().getPort();
                if (r.getState() == state && p >= h.portLow() && p <= h.portHigh()) {
                    seen.add(p);
                }
            }
            since.keySet().retainAll(seen);
            long now = System.currentTimeMillis();
            seen.forEach(p -> since.putIfAbsent(p, now));
            if (since.values().stream().anyMatch(t -> now - t >= ms)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no port of " + host + " held " + state + " for " + ms + " ms");
    }

    @Override
    public void close() throws Exception {
        try {
            LabRun.assertNothingHeldOrFiltered(lab, port);
            lab.stopAgents();
            LabRun.awaitNoRowsOnLabPorts(lab, port);
        } finally {
            lab.close();
        }
    }
}
