// The agent's sandbox: checks every step before it runs against what this agent may do (its own port range, the
// peers the coordinator declared for the session, address literals only, caps on sockets, cells, batches and timeouts).
package bindlab.agent;

import bindlab.agent.platform.OsResult;
import bindlab.agent.platform.SocketApi;
import bindlab.proto.v1.Endpoint;
import bindlab.proto.v1.PortRange;
import bindlab.proto.v1.SandboxLimits;
import bindlab.proto.v1.ScopeHost;
import bindlab.proto.v1.SessionScope;
import bindlab.proto.v1.Step;
import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A step outside the sandbox is answered BAD_REQUEST with the reason, and the agent stays up. Waits (accept,
 * wait-state) are cut into short slices so that a stream's end interrupts them within {@link #SLICE_MS}; blocking
 * OS calls (connect, send-until-blocked) are capped at {@link #MAX_BLOCKING_MS}, so the agent is free again within
 * seconds after any stream ends.
 */
public final class Sandbox {
    public static final int MAX_WAIT_MS = 60_000;
    public static final int MAX_BLOCKING_MS = 10_000;
    public static final int MAX_SOCKETS_PER_CELL = 16;
    public static final int MAX_SOCKETS = 256;
    public static final int MAX_CELLS = 64;
    public static final int MAX_BATCHES_IN_FLIGHT = 64;
    /** Steps in one batch (a cell's steps for one agent come in a few batches of a dozen or so). */
    public static final int MAX_BATCH_STEPS = 256;
    public static final int MAX_RULES_PER_CELL = 8;
    public static final int MAX_RECV_BYTES = 1 << 20;
    public static final int MAX_BACKLOG = 1024;
    public static final int MAX_NAME = 64;
    public static final int MAX_CELL_ID = 256;
    static final int SLICE_MS = 200;

    /** What the executor holds now, so the caps can be checked before a step adds to it. */
    public interface Holdings {
        int socketsIn(String cell);

        int rulesIn(String cell);

        int sockets();

        int cells();

        boolean holds(String cell);
    }

    private final PortRange own;
    private volatile List<Reachable> scope = Collections.emptyList();
    private volatile boolean cancelled;

    public Sandbox(PortRange own) {
        this.own = own;
    }

    public static SandboxLimits limits() {
        return SandboxLimits.newBuilder().setMaxWaitMs(MAX_WAIT_MS).setMaxBlockingMs(MAX_BLOCKING_MS)
                .setMaxSocketsPerCell(MAX_SOCKETS_PER_CELL).setMaxSockets(MAX_SOCKETS).setMaxCells(MAX_CELLS)
                .setMaxBatchesInFlight(MAX_BATCHES_IN_FLIGHT).setMaxBatchSteps(MAX_BATCH_STEPS).build();
    }

    /** The coordinator's declaration for this session; replaces the previous one. Returns a problem, or null. */
    public String declare(SessionScope s) {
        List<Reachable> next = new ArrayList<Reachable>();
        for (ScopeHost h : s.getHostsList()) {
            if (h.getPorts().getLow() < 1 || h.getPorts().getHigh() > 65535 || h.getPorts().getLow() > h.getPorts().getHigh()) {
                return "scope host '" + h.getName() + "' has no valid port range";
            }
            for (String a : h.getAddressesList()) {
                InetAddress ip = literal(a);
                if (ip == null || ip.isAnyLocalAddress() || ip.isMulticastAddress()) {
                    return "scope host '" + h.getName() + "' address '" + a + "' is not a unicast address literal";
                }
                next.add(new Reachable(h.getName(), ip, h.getPorts()));
            }
        }
        scope = Collections.unmodifiableList(next);
        return null;
    }

    /** The stream ended: waits stop, and nobody is reachable until the next session declares its scope. */
    public void endSession() {
        cancelled = true;
        scope = Collections.<Reachable>emptyList();
    }

    public void startSession() {
        cancelled = false;
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** Why this step may not run here, or null if it may. */
    public String refusal(Step s, Holdings held) {
        String cell = s.getCell();
        if (cell.length() > MAX_CELL_ID) {
            return "cell id is longer than " + MAX_CELL_ID + " characters";
        }
        if (s.getOpCase() != Step.OpCase.RELEASE && !cell.isEmpty() && !held.holds(cell) && held.cells() >= MAX_CELLS) {
            return "this agent already holds " + MAX_CELLS + " cells (the sandbox's cap)";
        }
        String t = timeoutProblem(s);
        if (t != null) {
            return t;
        }
        switch (s.getOpCase()) {
            case SOCKET:
                return name(s.getSocket().getSocket(), "socket") != null ? name(s.getSocket().getSocket(), "socket")
                        : newSocket(cell, held);
            case ACCEPT:
                return name(s.getAccept().getAsSocket(), "accepted socket") != null
                        ? name(s.getAccept().getAsSocket(), "accepted socket") : newSocket(cell, held);
            case SETSOCKOPT: {
                int linger = s.getSetsockopt().getLingerSeconds();
                return linger < 0 || linger * 1000L > MAX_BLOCKING_MS
                        ? "linger of " + linger + " s is outside 0-" + MAX_BLOCKING_MS / 1000 + " s" : null;
            }
            case BIND:
                return bind(s.getBind().getLocal());
            case LISTEN:
                return s.getListen().getBacklog() < 0 || s.getListen().getBacklog() > MAX_BACKLOG
                        ? "backlog " + s.getListen().getBacklog() + " is outside 0-" + MAX_BACKLOG : null;
            case CONNECT:
                return reachable(s.getConnect().getRemote(), "connect");
            case RECV:
                return s.getRecv().getMaxBytes() > MAX_RECV_BYTES
                        ? "recv of " + s.getRecv().getMaxBytes() + " bytes is over the cap of " + MAX_RECV_BYTES : null;
            case OBSERVE_TCP: {
                String low = ownPort(s.getObserveTcp().getPort(), "observe");
                return low != null || s.getObserveTcp().getPortHigh() <= s.getObserveTcp().getPort() ? low
                        : ownPort(s.getObserveTcp().getPortHigh(), "observe"); // a range lies inside the sandbox too
            }
            case WAIT_STATE:
                return ownPort(s.getWaitState().getPort(), "wait-state");
            case FILTER_ON: {
                String n = name(s.getFilterOn().getRule(), "filter rule");
                if (n != null) {
                    return n;
                }
                if (held.rulesIn(cell) >= MAX_RULES_PER_CELL) {
                    return "cell " + cell + " already holds " + MAX_RULES_PER_CELL + " filter rules (the sandbox's cap)";
                }
                return reachable(s.getFilterOn().getRemote(), "filter");
            }
            default:
                return null;
        }
    }

    private static String timeoutProblem(Step s) {
        long t = s.getTimeoutMs() & 0xffffffffL;
        switch (s.getOpCase()) {
            case CONNECT:
            case SEND_UNTIL_BLOCKED:
                return t > MAX_BLOCKING_MS ? "timeout of " + t + " ms is over this step's cap of " + MAX_BLOCKING_MS
                        + " ms" : null;
            default:
                return t > MAX_WAIT_MS ? "timeout of " + t + " ms is over the sandbox's cap of " + MAX_WAIT_MS + " ms"
                        : null;
        }
    }

    private static String name(String n, String what) {
        return n.length() > MAX_NAME ? what + " name is longer than " + MAX_NAME + " characters" : null;
    }

    private static String newSocket(String cell, Holdings held) {
        if (held.socketsIn(cell) >= MAX_SOCKETS_PER_CELL) {
            return "cell " + cell + " already holds " + MAX_SOCKETS_PER_CELL + " sockets (the sandbox's cap per cell)";
        }
        if (held.sockets() >= MAX_SOCKETS) {
            return "this agent already holds " + MAX_SOCKETS + " sockets (the sandbox's cap)";
        }
        return null;
    }

    private String bind(Endpoint e) {
        if (literal(e.getAddress()) == null) {
            return "bind address '" + e.getAddress() + "' is not a numeric IPv4 or IPv6 literal";
        }
        return ownPort(e.getPort(), "bind");
    }

    private String ownPort(int port, String what) {
        if (port < own.getLow() || port > own.getHigh()) {
            return what + " port " + port + " is outside this agent's sandbox " + own.getLow() + "-" + own.getHigh();
        }
        return null;
    }

    /** A remote end: a literal address of a host the coordinator declared for this session, on a port of its range. */
    private String reachable(Endpoint e, String what) {
        InetAddress ip = literal(e.getAddress());
        if (ip == null) {
            return what + " address '" + e.getAddress() + "' is not a numeric IPv4 or IPv6 literal (no name is ever resolved)";
        }
        List<Reachable> now = scope;
        for (Reachable r : now) {
            if (r.address.equals(ip)) {
                if (e.getPort() >= r.ports.getLow() && e.getPort() <= r.ports.getHigh()) {
                    return null;
                }
                return what + " port " + e.getPort() + " is outside the sandbox " + r.ports.getLow() + "-"
                        + r.ports.getHigh() + " of '" + r.name + "' (" + e.getAddress() + ")";
            }
        }
        return what + " toward " + e.getAddress() + " is outside this session's scope: the coordinator declared "
                + (now.isEmpty() ? "no peers" : describe(now));
    }

    private static String describe(List<Reachable> rs) {
        StringBuilder b = new StringBuilder();
        for (Reachable r : rs) {
            b.append(b.length() == 0 ? "" : ", ").append(r.name).append(' ').append(r.address.getHostAddress())
                    .append(':').append(r.ports.getLow()).append('-').append(r.ports.getHigh());
        }
        return b.toString();
    }

    /** A numeric IPv4/IPv6 literal without a scope id, or null: parsed without any name lookup. */
    static InetAddress literal(String text) {
        if (text.isEmpty() || text.length() > 45 || text.indexOf('%') >= 0 || !InetAddresses.isInetAddress(text)) {
            return null;
        }
        try {
            return InetAddresses.forString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** accept in short slices, so that the end of the stream interrupts a long wait. */
    OsResult accept(SocketApi api, long handle, int timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            long left = deadline - System.currentTimeMillis();
            OsResult r = api.accept(handle, (int) Math.max(0, Math.min(SLICE_MS, left)));
            if (!r.timedOut || left <= SLICE_MS) {
                return r.timedOut ? OsResult.timeout("accept", timeoutMs) : r;
            }
            if (cancelled || Thread.currentThread().isInterrupted()) {
                return OsResult.timeout("accept", timeoutMs);
            }
        }
    }

    private static final class Reachable {
        final String name;
        final InetAddress address;
        final PortRange ports;

        Reachable(String name, InetAddress address, PortRange ports) {
            this.name = name;
            this.address = address;
            this.ports = ports;
        }
    }
}
