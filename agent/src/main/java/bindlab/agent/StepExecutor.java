// Executes typed steps for the cells of one stream: runs a batch in order, dispatches each step through the
// StepHandlers table, keeps each cell's sockets and filter rules, and releases them. A step never throws: a
// malformed one is answered BAD_REQUEST and the agent stays up.
package bindlab.agent;

import bindlab.agent.platform.AddressText;
import bindlab.agent.platform.OsResult;
import bindlab.agent.platform.Platform;
import bindlab.agent.platform.SocketApi;
import bindlab.proto.v1.BatchResult;
import bindlab.proto.v1.Endpoint;
import bindlab.proto.v1.PortRange;
import bindlab.proto.v1.Step;
import bindlab.proto.v1.StepBatch;
import bindlab.proto.v1.StepResult;
import bindlab.proto.v1.StepStatus;
import bindlab.proto.v1.TcpRow;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.logging.Logger;

public final class StepExecutor implements Sandbox.Holdings {
    private static final Logger LOG = Logger.getLogger(StepExecutor.class.getName());
    static final int DEFAULT_TIMEOUT_MS = 5000;
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final Platform platform;
    private final SocketApi api;
    private final PortRange ports;
    private final Map<String, Cell> cells = new HashMap<String, Cell>();
    private final Map<String, Integer> running = new HashMap<String, Integer>(); // admitted batches by cell id
    private long generation; // a stream's batches; releaseAll starts the next
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

    /** Admits and runs a batch on the calling thread (see {@link #admit}). */
    public BatchResult run(StepBatch batch) {
        return admit(batch).run();
    }

    /**
     * Counts the batch as running for each cell it names, in the order batches arrive, so that a cell's release that
     * overtakes one of its earlier batches (each runs on its own thread) waits for that batch to end. Counting
     * creates no cell: the sandbox's cap on cells still sees only what steps made.
     */
    public synchronized Admitted admit(StepBatch batch) {
        Set<String> ids = new LinkedHashSet<String>();
        for (Step s : batch.getStepsList()) {
            if (!s.getCell().isEmpty()) {
                ids.add(s.getCell());
            }
        }
        for (String id : ids) {
            Integer n = running.get(id);
            running.put(id, n == null ? 1 : n + 1);
        }
        return new Admitted(batch, ids, generation);
    }

    /** A batch counted against its cells: run it once, or abandon it if it will never run. */
    public final class Admitted {
        private final StepBatch batch;
        private final Set<String> ids;
        private final long generation;
        private final AtomicBoolean started = new AtomicBoolean();

        Admitted(StepBatch batch, Set<String> ids, long generation) {
            this.batch = batch;
            this.ids = ids;
            this.generation = generation;
        }

        public BatchResult run() {
            if (!started.compareAndSet(false, true)) {
                throw new IllegalStateException("batch " + batch.getId() + " was already run or abandoned");
            }
            try {
                return runSteps(this);
            } finally {
                finish(this);
            }
        }

        /** For a batch that was admitted but never started (refused by a full pool, cancelled before it ran). */
        public void abandon() {
            if (started.compareAndSet(false, true)) {
                finish(this);
            }
        }
    }

    /**
     * Runs a batch in order: it stops after a step that is not OK unless that step goes on; 'always' steps still run.
     * It stops too when the stream it came on has ended (releaseAll): nobody reads these results.
     */
    private BatchResult runSteps(Admitted a) {
        StepBatch batch = a.batch;
        BatchResult.Builder out = BatchResult.newBuilder().setBatchId(batch.getId());
        if (batch.getStepsCount() > Sandbox.MAX_BATCH_STEPS && batch.getStepsCount() > 0) {
            return out.addResults(StepResult.newBuilder().setStepId(batch.getSteps(0).getId())
                    .setStatus(StepStatus.BAD_REQUEST).setMessage("refused by the agent's sandbox: a batch of "
                            + batch.getStepsCount() + " steps is over the cap of " + Sandbox.MAX_BATCH_STEPS)).build();
        }
        boolean stopped = false;
        Set<String> released = new HashSet<String>(); // a step after its cell's release would make a fresh cell
        for (Step s : batch.getStepsList()) {
            if (Thread.currentThread().isInterrupted() || ended(a)) {
                break;
            }
            if (stopped && !s.getAlways()) {
                continue;
            }
            StepResult r = released.contains(s.getCell())
                    ? StepResult.newBuilder().setStepId(s.getId()).setStatus(StepStatus.BAD_REQUEST)
                            .setMessage("cell " + s.getCell() + " was released earlier in this batch").build()
                    : execute(s);
            out.addResults(r);
            if (s.getOpCase() == Step.OpCase.RELEASE && r.getStatus() == StepStatus.OK) {
                released.add(s.getCell());
            }
            if (r.getStatus() != StepStatus.OK && !s.getGoOnError()) {
                stopped = true;
            }
        }
        return out.build();
    }

    private synchronized boolean ended(Admitted a) {
        return a.generation != generation;
    }

    /**
     * Ends an admitted batch: a cell whose release came while this batch ran is released now if no other batch of it
     * runs. After releaseAll (the stream ended) there is nothing left to count or release.
     */
    private void finish(Admitted a) {
        List<Cell> due = new ArrayList<Cell>();
        synchronized (this) {
            if (a.generation != generation) {
                return;
            }
            for (String id : a.ids) {
                int n = running.get(id) - 1;
                if (n > 0) {
                    running.put(id, n);
                    continue;
                }
                running.remove(id);
                Cell c = cells.get(id);
                if (c != null && c.released) {
                    cells.remove(id);
                    due.add(c);
                }
            }
        }
        for (Cell c : due) {
            try {
                close(c, StepResult.newBuilder());
            } catch (IOException | RuntimeException e) {
                // logged, not retried: the stream's end drops the filter table whole
                LOG.warning("deferred release of cell " + c.id + " failed: " + e);
            }
        }
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
        if (s.getCell().isEmpty()) {
            throw new BadStep("step " + s.getId() + " names no cell");
        }
        StepHandlers.Handler h = StepHandlers.TABLE.get(s.getOpCase());
        if (h == null) {
            throw new BadStep(s.getOpCase() == Step.OpCase.OP_NOT_SET ? "step " + s.getId() + " has no operation"
                    : "step kind " + s.getOpCase() + " is not handled by this agent");
        }
        return h.handle(this, liveCell(s), s);
    }

    /**
     * Closes every socket of the cell abortively and removes its filter rules, called by the cell's release step.
     * While another batch of the cell still runs, the release is deferred to that batch's end: closing a handle a
     * step may be blocked on could hand its number to another cell's new socket.
     */
    StepResult.Builder release(Cell cell) throws IOException {
        StepResult.Builder b = StepResult.newBuilder().setStatus(StepStatus.OK).setCall("release");
        int others;
        synchronized (this) {
            cell.released = true;
            Integer n = running.get(cell.id);
            others = (n == null ? 0 : n) - 1; // this release's own batch is one of them
            if (others <= 0) {
                cells.remove(cell.id, cell);
            }
        }
        if (others > 0) {
            return b.setMessage("deferred until " + others + " other batch(es) of cell " + cell.id + " end");
        }
        return close(cell, b);
    }

    private StepResult.Builder close(Cell res, StepResult.Builder b) throws IOException {
        int closed = 0;
        for (long h : res.takeSockets()) {
            closed += api.close(h, true).ok ? 1 : 0;
        }
        List<String> rules = res.takeRules();
        for (String key : rules) {
            platform.packetFilter().remove(key);
        }
        return b.setReleasedSockets(closed).setReleasedRules(rules.size());
    }

    /** Releases every cell: the stream ended. Returns how many sockets were closed. */
    public int releaseAll() {
        List<String> ids;
        synchronized (this) {
            ids = new ArrayList<String>(cells.keySet());
            generation++; // batches still admitted from that stream stop and count nothing
            running.clear();
        }
        int closed = 0;
        for (String id : ids) {
            Cell c;
            synchronized (this) {
                c = cells.remove(id);
            }
            try {
                closed += c == null ? 0 : close(c, StepResult.newBuilder()).getReleasedSockets();
            } catch (IOException e) {
                // the filter table is dropped whole below
            }
        }
        try {
            platform.packetFilter().removeAll();
        } catch (IOException e) {
            throw new IllegalStateException("could not remove packet filter rules: " + e.getMessage(), e);
        }
        return closed;
    }

    // ---- what the sandbox counts (Sandbox.Holdings) ----

    @Override
    public synchronized int socketsIn(String cell) {
        Cell c = cells.get(cell);
        return c == null ? 0 : c.socketCount();
    }

    @Override
    public synchronized int rulesIn(String cell) {
        Cell c = cells.get(cell);
        return c == null ? 0 : c.ruleCount();
    }

    @Override
    public synchronized int sockets() {
        int n = 0;
        for (Cell c : cells.values()) {
            n += c.socketCount();
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

    // ---- what handlers share ----

    SocketApi api() {
        return api;
    }

    Platform platform() {
        return platform;
    }

    int timeout(Step s) {
        return s.getTimeoutMs() > 0 ? (int) s.getTimeoutMs() : DEFAULT_TIMEOUT_MS;
    }

    List<TcpRow> rows(int port) throws IOException {
        return platform.tcpTable().rowsForPort(port);
    }

    void requireSandboxPort(int port) throws BadStep {
        if (port < ports.getLow() || port > ports.getHigh()) {
            throw new BadStep("port " + port + " is outside this agent's sandbox " + ports.getLow() + "-" + ports.getHigh());
        }
    }

    StepResult.Builder from(OsResult r) {
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
        if (r.refused) { // e.g. a port in Windows' excluded ranges: never journalled as an OS result
            return b.setStatus(StepStatus.BAD_REQUEST).setRawCode(r.rawCode).setPortUnusable(true)
                    .setMessage(r.call + " refused: " + r.detail);
        }
        return b.setStatus(StepStatus.ERROR).setRawCode(r.rawCode).setErrorName(api.errorName(r.rawCode))
                .setMessage(r.call + " failed: " + api.errorName(r.rawCode) + " (" + r.rawCode + ")");
    }

    /** Keeps a socket a step made; closes it again if the cell cannot keep it. */
    void adopt(Cell cell, String name, long handle) throws BadStep {
        if (!cell.adopt(name, handle)) {
            api.close(handle, true);
            throw new BadStep(cell.closed() ? "cell " + cell.id + " was released while this step ran"
                    : "socket name '" + name + "' was taken by another batch of cell " + cell.id);
        }
    }

    StepResult.Builder withLocal(StepResult.Builder b, long handle) {
        InetSocketAddress local = api.localAddress(handle);
        return local == null ? b : b.setLocal(endpoint(local));
    }

    /** The step's cell; a cell whose release is waiting for another batch takes no more steps but the release. */
    private synchronized Cell liveCell(Step s) throws BadStep {
        Cell c = cell(s.getCell());
        if (c.released && s.getOpCase() != Step.OpCase.RELEASE) {
            throw new BadStep("cell " + c.id + " was released while this batch ran");
        }
        return c;
    }

    private synchronized Cell cell(String id) {
        Cell c = cells.get(id);
        if (c == null) {
            c = new Cell(id);
            cells.put(id, c);
        }
        return c;
    }

    static int port(int port) throws BadStep {
        if (port <= 0 || port > 65535) {
            throw new BadStep("port " + port + " is not in 1-65535");
        }
        return port;
    }

    /** Literal addresses only, checked before InetAddress sees them, so no name is ever resolved. */
    static InetSocketAddress address(Endpoint e) throws BadStep {
        String a = e.getAddress();
        boolean literal = IPV4.matcher(a).matches() || (a.indexOf(':') >= 0 && IPV6.matcher(a).matches());
        if (!literal) {
            throw new BadStep("address '" + a + "' is not a numeric IPv4 or IPv6 literal");
        }
        if (e.getPort() > 65535) {
            throw new BadStep("port " + e.getPort() + " is not in 0-65535");
        }
        try {
            InetAddress ip = InetAddress.getByName(a);
            if (a.indexOf(':') >= 0 && ip instanceof Inet4Address) {
                // ::ffff:a.b.c.d stays IPv6 (Java would make it IPv4): a dual-stack socket binds or dials it as is
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(ip.getAddress(), 0, mapped, 12, 4);
                ip = Inet6Address.getByAddress(null, mapped, -1);
            }
            return new InetSocketAddress(ip, e.getPort());
        } catch (IOException ex) {
            throw new BadStep("address '" + a + "' is not valid: " + ex.getMessage());
        }
    }

    static Endpoint endpoint(InetSocketAddress a) {
        return Endpoint.newBuilder().setAddress(AddressText.of(a.getAddress())).setPort(a.getPort()).build();
    }

    /**
     * What one cell holds on this agent: its sockets by symbolic name and its filter rules, released together. Two
     * batches of one cell may run at once (a loopback or solo agent is the cell's target and its peer: an accept
     * waits while the connect's batch runs), so every access goes through the cell's own lock.
     */
    static final class Cell {
        final String id;
        private final Map<String, Long> sockets = new LinkedHashMap<String, Long>();
        private final Set<String> rules = new LinkedHashSet<String>();
        private boolean closed; // handed over for closing: what a step still running makes is not kept
        boolean released; // its release waits for other batches of it to end; guarded by the executor

        Cell(String id) {
            this.id = id;
        }

        synchronized long handle(String name) throws BadStep {
            Long h = sockets.get(name);
            if (h == null) {
                throw new BadStep("unknown socket '" + name + "' in cell " + id);
            }
            return h;
        }

        /** Checks a new socket's name before the socket is made; {@link #adopt} checks it again. */
        synchronized String fresh(String name) throws BadStep {
            if (name.isEmpty() || sockets.containsKey(name)) {
                throw new BadStep("socket name '" + name + "' is empty or already used in cell " + id);
            }
            return name;
        }

        /**
         * Keeps a socket made under a name; false if a step of another batch took the name meanwhile, or if the cell
         * was closed while the socket was being made (the stream ended: releaseAll does not wait past its grace).
         */
        synchronized boolean adopt(String name, long handle) {
            if (closed || sockets.containsKey(name)) {
                return false;
            }
            sockets.put(name, handle);
            return true;
        }

        /** Takes a socket out of the cell by name before it is closed, so no other step can use the handle then. */
        synchronized long take(String name) throws BadStep {
            long h = handle(name);
            sockets.remove(name);
            return h;
        }

        synchronized int socketCount() {
            return sockets.size();
        }

        String ruleKey(String rule) throws BadStep {
            if (rule.isEmpty()) {
                throw new BadStep("filter rule needs a name");
            }
            return id + "/" + rule;
        }

        /** Claims a rule's key before the rule is added; false if the cell already has it or was closed. */
        synchronized boolean claimRule(String key) {
            return !closed && rules.add(key);
        }

        synchronized boolean dropRule(String key) {
            return rules.remove(key);
        }

        synchronized int ruleCount() {
            return rules.size();
        }

        /** Everything the cell holds, handed over for closing: the cell is empty after, and keeps nothing more. */
        synchronized List<Long> takeSockets() {
            closed = true;
            List<Long> all = new ArrayList<Long>(sockets.values());
            sockets.clear();
            return all;
        }

        synchronized List<String> takeRules() {
            closed = true;
            List<String> all = new ArrayList<String>(rules);
            rules.clear();
            return all;
        }

        synchronized boolean closed() {
            return closed;
        }
    }

    /** A step that is wrong in itself: answered BAD_REQUEST, the agent stays up. */
    static final class BadStep extends Exception {
        private static final long serialVersionUID = 1L;

        BadStep(String message) {
            super(message);
        }
    }
}
