// Hands out an agent's sandbox ports for cells: in turn around the range, skipping the host's excluded port ranges
// (Windows answers WSAEACCES there whatever the options), and only a port its TCP table shows nothing on.
package bindlab.engine.run;

import bindlab.proto.v1.Hello;
import bindlab.proto.v1.ObserveTcp;
import bindlab.proto.v1.PortRange;
import bindlab.proto.v1.Step;
import bindlab.proto.v1.StepResult;
import bindlab.proto.v1.StepStatus;
import bindlab.proto.v1.TcpRow;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

public final class PortPool {
    private final int low;
    private final int high;
    private final List<PortRange> excluded;
    private final Set<Integer> inUse = new HashSet<Integer>();
    /** Ports the host refused at run time (ranges Windows excluded after the agent said hello). */
    private final Set<Integer> unusable = new HashSet<Integer>();
    private int next;

    public PortPool(Hello hello) {
        this.low = hello.getPorts().getLow();
        this.high = hello.getPorts().getHigh();
        this.excluded = hello.getIdentity().getExcludedPortsList();
        this.next = low;
    }

    /** The host refused this port: it is not handed out again. */
    public synchronized void exclude(int port) {
        unusable.add(port);
    }

    /** Whether the host excludes this port from binding (netsh's excluded port ranges). */
    public synchronized boolean excluded(int port) {
        if (unusable.contains(port)) {
            return true;
        }
        for (PortRange r : excluded) {
            if (port >= r.getLow() && port <= r.getHigh()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The next port not handed out, not excluded and with no rows on the agent's table; give it back with free().
     * InfraFailure when a full pass over the range finds none (everything still lingers or is in use).
     */
    public int take(Agent agent) throws InfraFailure, InterruptedException {
        for (int tried = 0; tried <= high - low; tried++) {
            int port = candidate();
            if (port < 0) {
                break;
            }
            StepResult r = agent.call(Step.newBuilder().setCell("port-check").setTimeoutMs(5000)
                    .setObserveTcp(ObserveTcp.newBuilder().setPort(port)).build());
            if (r.getStatus() == StepStatus.OK && clean(r.getRowsList(), port)) {
                return port;
            }
            free(port);
        }
        throw new InfraFailure("no clean port left in " + low + "-" + high + " on agent '" + agent.name() + "'");
    }

    /** The port may be handed out again (its table rows are checked again first). */
    public synchronized void free(int port) {
        inUse.remove(port);
    }

    private synchronized int candidate() {
        for (int i = 0; i <= high - low; i++) {
            int port = next;
            next = next == high ? low : next + 1;
            if (!excluded(port) && inUse.add(port)) {
                return port;
            }
        }
        return -1;
    }

    private static boolean clean(List<TcpRow> rows, int port) {
        for (TcpRow row : rows) {
            if (row.getLocal().getPort() == port) {
                return false;
            }
        }
        return true;
    }
}
