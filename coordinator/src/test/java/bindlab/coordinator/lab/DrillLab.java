// A namespace lab with its agents up, shared by the drills of one test class (a JUnit extension): built before the
// first drill, and after the last checked to hold nothing open or filtered, then removed with its scratch directory.
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
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

final class DrillLab implements BeforeAllCallback, AfterAllCallback {
    private final int targets;
    Lab lab;
    /** The coordinator's port; the inventory names it. */
    int port;
    Path inventory;
    /** Scratch space for the drills' stores and logs. */
    Path dir;

    /** targets targets and one peer. */
    DrillLab(int targets) {
        this.targets = targets;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String test = context.getRequiredTestClass().getSimpleName();
        CiRequirement.require(Lab.namespacesPossible(), test, "needs root and iproute2 to build network namespaces");
        dir = Files.createTempDirectory("bindlab-" + test + "-");
        lab = Lab.up(targets, 1, true);
        port = Lab.freePort(lab.coordinatorAddress());
        inventory = dir.resolve("lab.yml");
        Files.writeString(inventory, lab.inventory(port));
        lab.startAgents(LabRun.agentJava(), LabRun.agentJar(), port, dir.resolve("agent-logs"));
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
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (lab != null) {
                try {
                    LabRun.assertNothingHeldOrFiltered(lab, port);
                    lab.stopAgents();
                    LabRun.awaitNoRowsOnLabPorts(lab, port);
                } finally {
                    lab.close();
                }
            }
        } finally {
            Sh.deleteTree(dir);
        }
    }
}
