// Hands out sandbox ports for cells: each port once per run while the range lasts, and only when the host's TCP
// table shows nothing on it.
package bindlab.coordinator.run;

import bindlab.coordinator.hub.AgentSession;
import bindlab.proto.v1.ObserveTcp;
import bindlab.proto.v1.PortRange;
import bindlab.proto.v1.Step;
import bindlab.proto.v1.StepResult;
import bindlab.proto.v1.StepStatus;
import java.util.concurrent.ExecutionException;

public final class PortPool {
    private final int low;
    private final int high;
    private int next;

    public PortPool(PortRange range) {
        this.low = range.getLow();
        this.high = range.getHigh();
        this.next = low;
    }

    /** The next port with no rows on the agent's table; throws when a full pass over the range finds none. */
    public synchronized int take(AgentSession agent) throws InterruptedException, ExecutionException {
        for (int tried = 0; tried <= high - low; tried++) {
            int port = next;
            next = next == high ? low : next + 1;
            StepResult r = agent.call(Step.newBuilder().setCell("port-check").setTimeoutMs(5000)
                    .setObserveTcp(ObserveTcp.newBuilder().setPort(port)).build(), 5000).get();
            if (r.getStatus() == StepStatus.OK && r.getRowsList().stream().noneMatch(row -> row.getLocal().getPort() == port)) {
                return port;
            }
        }
        throw new IllegalStateException("no clean port left in " + low + "-" + high + " on agent '" + agent.name() + "'");
    }
}
