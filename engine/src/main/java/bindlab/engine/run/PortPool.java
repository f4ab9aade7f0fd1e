// Hands out an agent's sandbox ports for cells: in turn around the range, skipping the host's excluded port ranges
// (Windows answers WSAEACCES there whatever the options), and only a port its TCP table shows nothing on. An agent
// that reads ranges (Capabilities.observe_range) is asked about 64 ports in one step and the clean ones are kept
// for the next cells; others are asked port by port.
package bindlab.engine.run;

import bindlab.proto.v1.Hello;
import bindlab.proto.v1.ObserveTcp;
import bindlab.proto.v1.PortRange;
import bindlab.proto.v1.Step;
import bindlab.proto.v1.StepResult;
import bindlab.proto.v1.StepStatus;
import bindlab.proto.v1.TcpRow;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

public final class PortPool {
    /** Ports one range read covers. */
    static final int CHUNK = 64;
    private final int low;
    private final int high;
    private final boolean ranges;
    private final List<PortRange> excluded;
    /** Handed out, or checked clean and waiting in clean: no other cell may get them. */
    private final Set<Integer> inUse = new HashSet<Integer>();
    private final ArrayDeque<Integer> clean = new ArrayDeque<Integer>();
    /** When each port was last given back (in frees): a range read older than that says nothing about it. */
    private final Map<Integer, Long> freedAt = new HashMap<Integer, Long>();
    private long frees;
    /** Ports the host refused at run time (ranges Windows excluded after the agent said hello). */
    private final Set<Integer> unusable = new HashSet<Integer>();
    private int next;

    public PortPool(Hello hello) {
        this.low = hello.getPorts().getLow();
        this.high = hello.getPorts().getHigh();
        this.ranges = hello.getCapabilities().getObserveRange();
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
        if (ranges) {
            for (int scans = 0; scans <= (high - low) / CHUNK + 1; scans++) {
                Integer port = pollClean();
                if (port != null) {
                    return port;
                }
                scan(agent);
            }
            Integer port = pollClean();
            if (port != null) {
                return port;
            }
        } else {
            for (int tried = 0; tried <= high - low; tried++) {
                int port = candidate();
                if (port < 0) {
                    break;
                }
                StepResult r = agent.call(observe(port, 0));
                if (r.getStatus() == StepStatus.OK && clean(r.getRowsList(), port)) {
                    return port;
                }
                free(port);
            }
        }
        throw new InfraFailure("no clean port left in " + low + "-" + high + " on agent '" + agent.name() + "'");
    }

    /** The port may be handed out again (its table rows are checked again first). */
    public synchronized void free(int port) {
        inUse.remove(port);
        freedAt.put(port, ++frees);
    }

    private synchronized Integer pollClean() {
        return clean.poll();
    }

    /** Reads the next CHUNK ports of the range in one step; the clean ones wait in clean, reserved. */
    private void scan(Agent agent) throws InfraFailure, InterruptedException {
        int from;
        int to;
        long asOf;
        synchronized (this) {
            from = next;
            to = Math.min(high, from + CHUNK - 1);
            next = to == high ? low : to + 1;
            asOf = frees;
        }
        StepResult r = agent.call(observe(from, to));
        if (r.getStatus() != StepStatus.OK) {
            return; // nothing learnt; the next chunk may do better, and take() gives up after a full pass
        }
        Set<Integer> dirty = new HashSet<Integer>();
        for (TcpRow row : r.getRowsList()) {
            dirty.add(row.getLocal().getPort());
        }
        synchronized (this) {
            for (int port = from; port <= to; port++) {
                Long freed = freedAt.get(port);
                if (!dirty.contains(port) && !excluded(port) && (freed == null || freed <= asOf) && inUse.add(port)) {
                    clean.add(port);
                }
            }
        }
    }

    private static Step observe(int port, int portHigh) {
        return Step.newBuilder().setCell("port-check").setTimeoutMs(5000)
                .setObserveTcp(ObserveTcp.newBuilder().setPort(port).setPortHigh(portHigh)).build();
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
