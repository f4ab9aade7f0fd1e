// The agent's dispatch table, one handler per step kind (packetdrill's table from syscall to handler): each checks
// its arguments, maps symbolic socket names to handles, makes the platform call and returns a status, never throws
// for an OS error. A test checks that every step kind of the protocol has a handler here.
package bindlab.agent;

import bindlab.agent.StepExecutor.BadStep;
import bindlab.agent.StepExecutor.Cell;
import bindlab.agent.platform.OsResult;
import bindlab.agent.platform.PacketFilter;
import bindlab.proto.v1.SockOption;
import bindlab.proto.v1.Step;
import bindlab.proto.v1.StepResult;
import bindlab.proto.v1.StepStatus;
import bindlab.proto.v1.TcpRow;
import bindlab.proto.v1.TcpState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

final class StepHandlers {
    /** One step kind's handler. */
    interface Handler {
        StepResult.Builder handle(StepExecutor x, Cell cell, Step s) throws BadStep, IOException;
    }

    /**
     * Pauses between polls of a state wait: from 50 us, doubled up to 10 ms. A state change on a link takes tens of
     * microseconds, so most waits end on the first or second poll; a long wait costs at most 100 polls a second.
     */
    static final long FIRST_PAUSE_NS = 50_000L;
    static final long MAX_PAUSE_NS = 10_000_000L;
    static final Map<Step.OpCase, Handler> TABLE;

    static {
        Map<Step.OpCase, Handler> t = new EnumMap<Step.OpCase, Handler>(Step.OpCase.class);
        t.put(Step.OpCase.SOCKET, (x, cell, s) -> {
            String name = cell.fresh(s.getSocket().getSocket());
            OsResult r = s.getSocket().getOtherUser() ? x.api().openAsOtherUser(s.getSocket().getFamily())
                    : x.api().open(s.getSocket().getFamily());
            if (r.ok) {
                x.adopt(cell, name, r.value);
            }
            return x.from(r);
        });
        t.put(Step.OpCase.SETSOCKOPT, (x, cell, s) -> {
            long h = cell.handle(s.getSetsockopt().getSocket());
            SockOption opt = s.getSetsockopt().getOption();
            OsResult set = x.api().setOption(h, opt, s.getSetsockopt().getValue(), s.getSetsockopt().getLingerSeconds());
            if (!set.ok) {
                return x.from(set);
            }
            OsResult back = x.api().getOption(h, opt);
            StepResult.Builder r = x.from(back).setReadback((int) back.value);
            if (back.ok && opt == SockOption.LINGER) {
                r.setReadbackLingerSeconds((int) x.api().getLingerSeconds(h).value);
            }
            return r;
        });
        t.put(Step.OpCase.BIND, (x, cell, s) -> {
            long h = cell.handle(s.getBind().getSocket());
            InetSocketAddress local = StepExecutor.address(s.getBind().getLocal());
            x.requireSandboxPort(local.getPort());
            return x.withLocal(x.from(x.api().bind(h, local)), h);
        });
        t.put(Step.OpCase.LISTEN, (x, cell, s) ->
                x.from(x.api().listen(cell.handle(s.getListen().getSocket()), s.getListen().getBacklog())));
        t.put(Step.OpCase.ACCEPT, (x, cell, s) -> {
            long listener = cell.handle(s.getAccept().getSocket());
            String as = cell.fresh(s.getAccept().getAsSocket());
            OsResult r = x.sandbox().accept(x.api(), listener, x.timeout(s)); // in slices: a stream's end stops it
            StepResult.Builder b = x.from(r);
            if (r.ok) {
                x.adopt(cell, as, r.value);
                x.withLocal(b, r.value);
                InetSocketAddress remote = x.api().remoteAddress(r.value);
                if (remote != null) {
                    b.setRemote(StepExecutor.endpoint(remote));
                }
            }
            return b;
        });
        t.put(Step.OpCase.CONNECT, (x, cell, s) -> {
            long h = cell.handle(s.getConnect().getSocket());
            return x.withLocal(x.from(x.api().connect(h, StepExecutor.address(s.getConnect().getRemote()), x.timeout(s))), h);
        });
        t.put(Step.OpCase.SEND_UNTIL_BLOCKED, (x, cell, s) -> {
            OsResult r = x.api().sendUntilBlocked(cell.handle(s.getSendUntilBlocked().getSocket()), x.timeout(s));
            return x.from(r).setBytes(r.ok ? r.value : 0);
        });
        t.put(Step.OpCase.RECV, (x, cell, s) -> {
            OsResult r = x.api().recv(cell.handle(s.getRecv().getSocket()), (int) s.getRecv().getMaxBytes());
            return x.from(r).setBytes(r.ok ? r.value : 0);
        });
        t.put(Step.OpCase.SHUTDOWN, (x, cell, s) ->
                x.from(x.api().shutdown(cell.handle(s.getShutdown().getSocket()), s.getShutdown().getHow())));
        t.put(Step.OpCase.CLOSE, (x, cell, s) -> {
            String name = s.getClose().getSocket();
            long h = cell.take(name); // out of the cell first: once closed, the number may go to another socket
            OsResult r = x.api().close(h, s.getClose().getAbortive());
            if (!r.ok && !cell.adopt(name, h)) { // a failed close keeps the handle, so release closes it later
                x.api().close(h, true); // unless the cell was released meanwhile
            }
            return x.from(r);
        });
        t.put(Step.OpCase.OBSERVE_TCP, (x, cell, s) -> {
            int low = StepExecutor.port(s.getObserveTcp().getPort());
            int high = s.getObserveTcp().getPortHigh();
            if (high <= low) {
                return StepResult.newBuilder().setStatus(StepStatus.OK).setCall("observe").addAllRows(x.rows(low));
            }
            return StepResult.newBuilder().setStatus(StepStatus.OK).setCall("observe")
                    .addAllRows(x.platform().tcpTable().rowsForPorts(low, StepExecutor.port(high)));
        });
        t.put(Step.OpCase.WAIT_STATE, StepHandlers::waitState);
        t.put(Step.OpCase.FILTER_ON, (x, cell, s) -> {
            PacketFilter filter = x.platform().packetFilter();
            if (!filter.available()) {
                return StepResult.newBuilder().setStatus(StepStatus.UNSUPPORTED).setCall("filter")
                        .setMessage(filter.describe());
            }
            String key = cell.ruleKey(s.getFilterOn().getRule());
            InetSocketAddress remote = StepExecutor.address(s.getFilterOn().getRemote());
            if (!cell.claimRule(key)) {
                throw new BadStep(cell.closed() ? "cell " + cell.id + " was released while this step ran"
                        : "filter rule '" + s.getFilterOn().getRule() + "' is already on in this cell");
            }
            boolean added = false;
            try {
                filter.add(key, s.getFilterOn().getDirection(), remote);
                added = true;
            } finally {
                if (!added) {
                    cell.dropRule(key);
                }
            }
            if (cell.closed()) { // released while the rule went in: its release may have run before the add
                filter.remove(key);
                throw new BadStep("cell " + cell.id + " was released while this step ran");
            }
            return StepResult.newBuilder().setStatus(StepStatus.OK).setCall("filter");
        });
        t.put(Step.OpCase.FILTER_OFF, (x, cell, s) -> {
            String key = cell.ruleKey(s.getFilterOff().getRule());
            if (!cell.dropRule(key)) {
                throw new BadStep("no filter rule '" + s.getFilterOff().getRule() + "' in this cell");
            }
            x.platform().packetFilter().remove(key);
            return StepResult.newBuilder().setStatus(StepStatus.OK).setCall("filter");
        });
        t.put(Step.OpCase.RELEASE, (x, cell, s) -> x.release(cell));
        TABLE = Collections.unmodifiableMap(t);
    }

    private StepHandlers() {
    }

    /** A row on the local port in the state; for UNSPECIFIED, no row on it but CLOSED ones. */
    static boolean reached(List<TcpRow> rows, int port, TcpState want) {
        boolean none = true;
        for (TcpRow row : rows) {
            if (row.getLocal().getPort() != port) {
                continue;
            }
            if (row.getState() == want) {
                return true;
            }
            none &= row.getState() == TcpState.CLOSED;
        }
        return want == TcpState.TCP_STATE_UNSPECIFIED && none;
    }

    /**
     * Polls the OS table until a row on the local port is in the state (UNSPECIFIED: until the port has no row but
     * CLOSED ones), or the step's timeout passes.
     */
    private static StepResult.Builder waitState(StepExecutor x, Cell cell, Step s) throws BadStep, IOException {
        int port = StepExecutor.port(s.getWaitState().getPort());
        TcpState want = s.getWaitState().getState();
        int timeout = x.timeout(s);
        long deadline = System.currentTimeMillis() + timeout;
        long pause = FIRST_PAUSE_NS;
        while (true) {
            List<TcpRow> rows = x.rows(port);
            if (reached(rows, port, want)) {
                return StepResult.newBuilder().setStatus(StepStatus.OK).setCall("wait-state").addAllRows(rows);
            }
            if (System.currentTimeMillis() >= deadline || Thread.currentThread().isInterrupted()
                    || x.sandbox().cancelled()) {
                return StepResult.newBuilder().setStatus(StepStatus.TIMEOUT).setCall("wait-state").addAllRows(rows)
                        .setMessage(want == TcpState.TCP_STATE_UNSPECIFIED
                                ? "local port " + port + " still had rows after " + timeout + " ms"
                                : "no row on local port " + port + " reached " + want + " within " + timeout + " ms");
            }
            LockSupport.parkNanos(pause); // returns at once when interrupted; the status stays set for the check above
            pause = Math.min(MAX_PAUSE_NS, pause * 2);
        }
    }
}
