// Executes typed steps against the platform: one handler per step kind, each validating its arguments, mapping
// symbolic names to handles, timing the call and returning a status (never throwing), as packetdrill does.
package bindlab.agent;

import bindlab.agent.platform.OsResult;
import bindlab.agent.platform.Platform;
import bindlab.agent.platform.SocketApi;
import bindlab.proto.v1.Endpoint;
import bindlab.proto.v1.PortRange;
import bindlab.proto.v1.SockOption;
import bindlab.proto.v1.Step;
import bindlab.proto.v1.StepResult;
import bindlab.proto.v1.StepStatus;
import bindlab.proto.v1.TcpRow;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public final class StepExecutor implements Sandbox.Holdings {
    static final int DEFAULT_TIMEOUT_MS = 5000;
    static final int POLL_INTERVAL_MS = 20;

    private final Platform platform;
    private final SocketApi api;
    private final PortRange ports;
    private final Map<String, CellResources> cells = new HashMap<String, CellResources>();
    private final Sandbox sandbox;

    public StepExecutor(Platform platform, PortRange ports) {
        this.platform = platform;
        this.api = platform.sockets();
        this.ports = ports;
        this.sandbox = new Sandbox(ports);
    }

    /** The sandbox every step passes before it runs; the client declares each session's scope on it. */
    public Sandbox sandbox() {
        return sandbox;
    }

    /** Runs one step; every failure, including a malformed step, becomes a StepResult. */
    public StepResult execute(Step step) {
        long start = System.nanoTime();
        StepResult.Builder r;
        try {
            String refused = sandbox.refusal(step, this);
            if (refused != null) {
                throw new BadStep("refused by the agent's sandbox: " + refused);
            }
            r = dispatch(step);
        } catch (BadStep e) {
            r = StepResult.newBuilder().setStatus(StepStatus.BAD_REQUEST).setMessage(e.getMessage());
        } catch (IOException | RuntimeException e) {
            r = StepResult.newBuilder().setStatus(StepStatus.ERROR).setMessage("agent error: " + e);
        }
        return r.setStepId(step.getId()).setDurationUs((System.nanoTime() - start) / 1000).build();
    }

    private StepResult.Builder dispatch(Step s) throws BadStep, IOException {
        int timeout = s.getTimeoutMs() > 0 ? (int) s.getTimeoutMs() : DEFAULT_TIMEOUT_MS;
        String cell = s.getCell();
        if (cell.isEmpty()) {
            throw new BadStep("step " + s.getId() + " names no cell");
        }
        switch (s.getOpCase()) {
            case SOCKET: {
                String name = s.getSocket().getSocket();
                if (name.isEmpty() || handleOrNull(cell, name) != null) {
                    throw new BadStep("socket name '" + name + "' is empty or already used in cell " + cell);
                }
                OsResult r = s.getSocket().getOtherUser() ? api.openAsOtherUser(s.getSocket().getFamily())
                        : api.open(s.getSocket().getFamily());
                if (r.ok) {
                    resources(cell).sockets.put(name, r.value);
                }
                return from(r);
            }
            case SETSOCKOPT: {
                long h = handle(cell, s.getSetsockopt().getSocket());
                SockOption opt = s.getSetsockopt().getOption();
                OsResult set = api.setOption(h, opt, s.getSetsockopt().getValue(), s.getSetsockopt().getLingerSeconds());
                if (!set.ok) {
                    return from(set);
                }
                OsResult back = api.getOption(h, opt);
                StepResult.Builder r = from(back).setReadback((int) back.value);
                if (back.ok && opt == SockOption.LINGER) {
                    r.setReadbackLingerSeconds((int) api.getLingerSeconds(h).value);
                }
                return r;
            }
            case BIND: {
                long h = handle(cell, s.getBind().getSocket());
                InetSocketAddress local = address(s.getBind().getLocal());
                if (local.getPort() < ports.getLow() || local.getPort() > ports.getHigh()) {
                    throw new BadStep("port " + local.getPort() + " is outside this agent's sandbox "
                            + ports.getLow() + "-" + ports.getHigh());
                }
                return withLocal(from(api.bind(h, local)), h);
            }
            case LISTEN:
                return from(api.listen(handle(cell, s.getListen().getSocket()), s.getListen().getBacklog()));
            case ACCEPT:
                return accept(cell, s, timeout);
            case CONNECT: {
                long h = handle(cell, s.getConnect().getSocket());
                return withLocal(from(api.connect(h, address(s.getConnect().getRemote()), timeout)), h);
            }
            case SEND_UNTIL_BLOCKED: {
                OsResult r = api.sendUntilBlocked(handle(cell, s.getSendUntilBlocked().getSocket()), timeout);
                return from(r).setBytes(r.ok ? r.value : 0);
            }
            case RECV: {
                OsResult r = api.recv(handle(cell, s.getRecv().getSocket()), (int) s.getRecv().getMaxBytes());
                return from(r).setBytes(r.ok ? r.value : 0);
            }
            case SHUTDOWN:
                return from(api.shutdown(handle(cell, s.getShutdown().getSocket()), s.getShutdown().getHow()));
            case CLOSE: {
                String name = s.getClose().getSocket();
                long h = handle(cell, name);
                resources(cell).sockets.remove(name);
                return from(api.close(h, s.getClose().getAbortive()));
            }
            case OBSERVE_TCP:
                return StepResult.newBuilder().setStatus(StepStatus.OK).setCall("observe")
                        .addAllRows(platform.tcpTable().rowsForPort(port(s.getObserveTcp().getPort())));
            case WAIT_STATE:
                return waitState(s, timeout);
            case FILTER_ON: {
                String key = ruleKey(cell, s.getFilterOn().getRule());
                if (!platform.packetFilter().available()) {
                    return StepResult.newBuilder().setStatus(StepStatus.UNSUPPORTED).setCall("filter")
                            .setMessage(platform.packetFilter().describe());
                }
                platform.packetFilter().add(key, s.getFilterOn().getDirection(), address(s.getFilterOn().getRemote()));
                resources(cell).rules.add(key);
                return StepResult.newBuilder().setStatus(StepStatus.OK).setCall("filter");
            }
            case FILTER_OFF: {
                String key = ruleKey(cell, s.getFilterOff().getRule());
                if (!resources(cell).rules.remove(key)) {
                    throw new BadStep("no filter rule '" + s.getFilterOff().getRule() + "' in cell " + cell);
                }
                platform.packetFilter().remove(key);
                return StepResult.newBuilder().setStatus(StepStatus.OK).setCall("filter");
            }
            case RELEASE:
                return release(cell);
            case OP_NOT_SET:
                throw new BadStep("step " + s.getId() + " has no operation");
        }
        throw new BadStep("step kind " + s.getOpCase() + " is not handled by this agent");
    }

    private StepResult.Builder accept(String cell, Step s, int timeout) throws BadStep {
        String as = s.getAccept().getAsSocket();
        if (as.isEmpty() || handleOrNull(cell, as) != null) {
            throw new BadStep("accepted socket name '" + as + "' is empty or already used in cell " + cell);
        }
        OsResult r = sandbox.accept(api, handle(cell, s.getAccept().getSocket()), timeout);
        StepResult.Builder b = from(r);
        if (r.ok) {
            resources(cell).sockets.put(as, r.value);
            withLocal(b, r.value);
            InetSocketAddress remote = api.remoteAddress(r.value);
            if (remote != null) {
                b.setRemote(endpoint(remote));
            }
        }
        return b;
    }

    private StepResult.Builder waitState(Step s, int timeout) throws IOException, BadStep {
        int port = port(s.getWaitState().getPort());
        long deadline = System.currentTimeMillis() + timeout;
        while (true) {
            List<TcpRow> rows = platform.tcpTable().rowsForPort(port);
            for (TcpRow row : rows) {
                if (row.getLocal().getPort() == port && row.getState() == s.getWaitState().getState()) {
                    return StepResult.newBuilder().setStatus(StepStatus.OK).setCall("wait-state").addAllRows(rows);
                }
            }
            if (System.currentTimeMillis() >= deadline || sandbox.cancelled()) {
                return StepResult.newBuilder().setStatus(StepStatus.TIMEOUT).setCall("wait-state").addAllRows(rows)
                        .setMessage("no row on local port " + port + " reached " + s.getWaitState().getState()
                                + " within " + timeout + " ms");
            }
            sleep(POLL_INTERVAL_MS);
        }
    }

    /** Closes every socket of the cell abortively and removes its filter rules. */
    public synchronized StepResult.Builder release(String cell) throws IOException {
        CellResources res = cells.remove(cell);
        StepResult.Builder b = StepResult.newBuilder().setStatus(StepStatus.OK).setCall("release");
        if (res == null) {
            return b;
        }
        for (long h : res.sockets.values()) {
            api.close(h, true);
        }
        for (String key : res.rules) {
            platform.packetFilter().remove(key);
        }
        return b.setReleasedSockets(res.sockets.size()).setReleasedRules(res.rules.size());
    }

    /** Releases every cell: the stream ended. Returns how many sockets were closed. */
    public synchronized int releaseAll() {
        int closed = 0;
        for (String cell : new ArrayList<String>(cells.keySet())) {
            try {
                closed += release(cell).getReleasedSockets();
            } catch (IOException e) {
                closed += 0; // the filter table is dropped whole below
            }
        }
        try {
            platform.packetFilter().removeAll();
        } catch (IOException e) {
            throw new IllegalStateException("could not remove packet filter rules: " + e.getMessage(), e);
        }
        return closed;
    }

    @Override
    public synchronized int socketsIn(String cell) {
        CellResources r = cells.get(cell);
        return r == null ? 0 : r.sockets.size();
    }

    @Override
    public synchronized int rulesIn(String cell) {
        CellResources r = cells.get(cell);
        return r == null ? 0 : r.rules.size();
    }

    @Override
    public synchronized int sockets() {
        int n = 0;
        for (CellResources r : cells.values()) {
            n += r.sockets.size();
        }
        return n;
    }

    @Override
    public synchronized int cells() {
        return cells.size();
    }

    @Override
    public synchronized boolean holds(String cell) {
        return cells.containsKey(cell);
    }

    private StepResult.Builder from(OsResult r) {
        StepResult.Builder b = StepResult.newBuilder().setCall(r.call);
        if (r.ok) {
            return b.setStatus(StepStatus.OK);
        }
        if (r.unsupported) {
            return b.setStatus(StepStatus.UNSUPPORTED).setMessage(r.detail);
        }
        if (r.timedOut) {
            return b.setStatus(StepStatus.TIMEOUT).setMessage(r.call + " " + r.detail);
        }
        return b.setStatus(StepStatus.ERROR).setRawCode(r.rawCode).setErrorName(api.errorName(r.rawCode))
                .setMessage(r.call + " failed: " + api.errorName(r.rawCode) + " (" + r.rawCode + ")");
    }

    private StepResult.Builder withLocal(StepResult.Builder b, long handle) {
        InetSocketAddress local = api.localAddress(handle);
        return local == null ? b : b.setLocal(endpoint(local));
    }

    private synchronized CellResources resources(String cell) {
        CellResources r = cells.get(cell);
        if (r == null) {
            r = new CellResources();
            cells.put(cell, r);
        }
        return r;
    }

    private synchronized Long handleOrNull(String cell, String name) {
        CellResources r = cells.get(cell);
        return r == null ? null : r.sockets.get(name);
    }

    private long handle(String cell, String name) throws BadStep {
        Long h = handleOrNull(cell, name);
        if (h == null) {
            throw new BadStep("unknown socket '" + name + "' in cell " + cell);
        }
        return h;
    }

    private static String ruleKey(String cell, String rule) throws BadStep {
        if (rule.isEmpty()) {
            throw new BadStep("filter rule needs a name");
        }
        return cell + "/" + rule;
    }

    private static int port(int port) throws BadStep {
        if (port <= 0 || port > 65535) {
            throw new BadStep("port " + port + " is not in 1-65535");
        }
        return port;
    }

    /** Literal addresses only: InetAddress.getByName on a literal never touches DNS. */
    static InetSocketAddress address(Endpoint e) throws BadStep {
        String a = e.getAddress();
        boolean literal = a.matches("[0-9.]+") || a.contains(":");
        if (!literal) {
            throw new BadStep("address '" + a + "' is not a numeric IPv4 or IPv6 literal");
        }
        if (e.getPort() > 65535) {
            throw new BadStep("port " + e.getPort() + " is not in 0-65535");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(a), e.getPort());
        } catch (IOException ex) {
            throw new BadStep("address '" + a + "' is not valid: " + ex.getMessage());
        }
    }

    static Endpoint endpoint(InetSocketAddress a) {
        return Endpoint.newBuilder().setAddress(a.getAddress().getHostAddress()).setPort(a.getPort()).build();
    }

    private static void sleep(int ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A step that is wrong in itself: answered BAD_REQUEST, the agent stays up. */
    static final class BadStep extends Exception {
        BadStep(String message) {
            super(message);
        }
    }
}
