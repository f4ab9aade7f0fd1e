// Keeps one stream open to the coordinator: Hello, then step batches in, results out, heartbeats both ways; on any end of
// the stream it releases everything and dials again with backoff.
package bindlab.agent;

import bindlab.proto.v1.AgentLinkGrpc;
import bindlab.proto.v1.AgentMessage;
import bindlab.proto.v1.CoordinatorMessage;
import bindlab.proto.v1.Heartbeat;
import bindlab.proto.v1.Hello;
import bindlab.proto.v1.BatchResult;
import bindlab.proto.v1.SessionScope;
import bindlab.proto.v1.StepBatch;
import bindlab.proto.v1.StepResult;
import bindlab.proto.v1.StepStatus;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

public final class AgentClient {
    private static final Logger LOG = Logger.getLogger(AgentClient.class.getName());
    static final long MAX_BACKOFF_MS = 30000;
    /**
     * Agents often start alongside their coordinator (a lab, a reboot): the first QUICK_REDIALS redials come every
     * FIRST_BACKOFF_MS (the coordinator is usually up within those two seconds), then the wait doubles up to 30 s.
     */
    static final long FIRST_BACKOFF_MS = 100;
    /** No batch for this long and the agent is idle: each heartbeat gives freed memory back (a fraction of a ms). */
    static final long IDLE_MS = 2000;
    static final int QUICK_REDIALS = 20;
    /**
     * How long a batch may still run once its stream ended: waits stop within a slice, and the sandbox caps blocking
     * OS calls (connect, send-until-blocked) below this. The bound guards against an OS call that never returns.
     */
    static final long IN_FLIGHT_GRACE_MS = Sandbox.MAX_BLOCKING_MS + 3000;

    private final ManagedChannel channel;
    private final Hello hello;
    private final StepExecutor executor;
    /**
     * Each batch on its own thread; nothing queues: a queued batch would spend its coordinator's time budget waiting.
     * The cap is on unanswered batches (below); a thread stays busy a moment after its answer is sent, so there are
     * twice as many threads as the cap allows batches.
     */
    private final ThreadPoolExecutor stepThreads = new ThreadPoolExecutor(0, 2 * Sandbox.MAX_BATCHES_IN_FLIGHT, 30,
            TimeUnit.SECONDS, new SynchronousQueue<Runnable>(), daemon("step"));
    /**
     * Up to Sandbox.MAX_BATCHES_IN_FLIGHT batches without an answer, what the coordinator counts too: a permit is
     * given back just before the answer goes, since the coordinator may send the next batch the moment it has it.
     * One more batch is answered BAD_REQUEST at once. A new one for each stream.
     */
    private volatile Semaphore unanswered = new Semaphore(Sandbox.MAX_BATCHES_IN_FLIGHT);
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("heartbeat"));
    private volatile boolean stopping;
    private volatile ClientCallStreamObserver<AgentMessage> current;
    /** Batches still running; the stream's resources are released only once they are done (or interrupted). */
    private final java.util.Set<java.util.concurrent.Future<?>> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /**
     * Batches whose code is running now. A batch cancelled before its thread started never runs (nor removes itself
     * from inFlight), so the end of a stream waits on this count, not on inFlight.
     */
    private final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
    /** Why the last stream failed or was refused: in the log, and read by tests. */
    private volatile String lastProblem = "";
    private volatile boolean connected;
    /** When the last batch finished (0: none yet). */
    private volatile long lastBatchDoneMs;

    public AgentClient(ManagedChannel channel, Hello hello, StepExecutor executor) {
        this.channel = channel;
        this.hello = hello;
        this.executor = executor;
    }

    /** Whether a coordinator welcomed this agent on the current stream. */
    public boolean connected() {
        return connected;
    }

    /** Why the last stream failed or was refused ("" if none did). */
    public String lastProblem() {
        return lastProblem;
    }

    /** Dials until stop() is called; each session ends with everything released. */
    public void runForever() throws InterruptedException {
        long backoff = FIRST_BACKOFF_MS;
        int failures = 0;
        while (!stopping) {
            unanswered = new Semaphore(Sandbox.MAX_BATCHES_IN_FLIGHT);
            executor.sandbox().startSession();
            boolean welcomed = session();
            connected = false;
            executor.sandbox().endSession(); // waits stop within a slice; nobody is reachable until the next scope
            awaitInFlightSteps();
            int released = executor.releaseAll();
            if (released > 0) {
                LOG.info("stream ended: released " + released + " socket(s) and all filter rules");
            }
            if (stopping) {
                break;
            }
            failures = welcomed ? 0 : failures + 1;
            backoff = welcomed || failures <= QUICK_REDIALS ? FIRST_BACKOFF_MS : Math.min(MAX_BACKOFF_MS, backoff * 2);
            LOG.info("reconnecting to the coordinator in " + backoff + " ms");
            executor.platform().returnFreedMemory(); // no coordinator is the usual idle state between campaigns
            Thread.sleep(backoff);
        }
    }

    public void stop() {
        stopping = true;
        ClientCallStreamObserver<AgentMessage> c = current;
        if (c != null) {
            c.cancel("agent stopping", null);
        }
        executor.releaseAll();
        stepThreads.shutdownNow();
        timers.shutdownNow();
    }

    /** One stream's life; returns whether the coordinator welcomed us. */
    private boolean session() throws InterruptedException {
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicLong lastHeard = new AtomicLong(System.currentTimeMillis());
        final boolean[] welcomed = {false};
        final ScheduledFuture<?>[] beat = {null};
        ClientResponseObserver<AgentMessage, CoordinatorMessage> inbound =
                new ClientResponseObserver<AgentMessage, CoordinatorMessage>() {
                    @Override
                    public void beforeStart(ClientCallStreamObserver<AgentMessage> out) {
                        current = out;
                    }

                    @Override
                    public void onNext(CoordinatorMessage m) {
                        lastHeard.set(System.currentTimeMillis());
                        switch (m.getKindCase()) {
                            case WELCOME:
                                welcomed[0] = true;
                                connected = true;
                                long every = Math.max(200, m.getWelcome().getHeartbeatIntervalMs());
                                LOG.info("connected as '" + hello.getAgentName() + "', heartbeat every " + every
                                        + " ms");
                                beat[0] = timers.scheduleAtFixedRate(() -> heartbeat(lastHeard, every), every, every,
                                        TimeUnit.MILLISECONDS);
                                break;
                            case BATCH:
                                runBatch(m.getBatch());
                                break;
                            case SCOPE:
                                declare(m.getScope());
                                break;
                            case REFUSAL:
                                lastProblem = "refused: " + m.getRefusal().getReason();
                                LOG.severe("the coordinator refused this agent: " + m.getRefusal().getReason());
                                break;
                            case HEARTBEAT:
                            case KIND_NOT_SET:
                                break;
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        lastProblem = "stream failed: " + describe(t);
                        LOG.warning("stream to coordinator failed: " + describe(t));
                        done.countDown();
                    }

                    @Override
                    public void onCompleted() {
                        LOG.info("coordinator closed the stream");
                        done.countDown();
                    }
                };
        AgentLinkGrpc.newStub(channel).connect(inbound);
        send(AgentMessage.newBuilder().setHello(hello).build());
        done.await();
        if (beat[0] != null) {
            beat[0].cancel(false);
        }
        current = null;
        return welcomed[0];
    }

    private void heartbeat(AtomicLong lastHeard, long every) {
        if (System.currentTimeMillis() - lastHeard.get() > 3 * every) {
            ClientCallStreamObserver<AgentMessage> c = current;
            if (c != null) {
                c.cancel("no heartbeat from coordinator for " + 3 * every + " ms", null);
            }
            return;
        }
        send(AgentMessage.newBuilder()
                .setHeartbeat(Heartbeat.newBuilder().setSentUnixMs(System.currentTimeMillis())).build());
        if (running.get() == 0 && System.currentTimeMillis() - lastBatchDoneMs >= IDLE_MS) {
            executor.platform().returnFreedMemory(); // each time: the JIT keeps freeing memory for a while
        }
    }

    /** The coordinator's SessionScope: whom connect and filter steps may reach from now on. */
    private void declare(SessionScope scope) {
        String bad = executor.sandbox().declare(scope);
        if (bad != null) {
            LOG.severe("the coordinator declared a bad session scope (" + bad + "): connecting to nobody");
            executor.sandbox().declare(SessionScope.getDefaultInstance());
        } else {
            LOG.info("session scope: " + scope.getHostsCount() + " host(s) reachable");
        }
    }

    private void runBatch(final StepBatch batch) {
        final Semaphore permits = unanswered;
        if (!permits.tryAcquire()) {
            send(AgentMessage.newBuilder().setBatchResult(busy(batch)).build());
            return;
        }
        final StepExecutor.Admitted admitted = executor.admit(batch); // here, in the order batches arrive
        final java.util.concurrent.Future<?>[] self = {null};
        synchronized (inFlight) {
            try {
                self[0] = stepThreads.submit(() -> {
                    running.incrementAndGet();
                    boolean released = false;
                    try {
                        BatchResult result = admitted.run();
                        permits.release();
                        released = true;
                        send(AgentMessage.newBuilder().setBatchResult(result).build());
                    } finally {
                        if (!released) {
                            permits.release();
                        }
                        lastBatchDoneMs = System.currentTimeMillis();
                        running.decrementAndGet();
                        synchronized (inFlight) {
                            inFlight.remove(self[0]);
                        }
                    }
                });
            } catch (RejectedExecutionException e) {
                admitted.abandon();
                permits.release();
                send(AgentMessage.newBuilder().setBatchResult(busy(batch)).build());
                return;
            }
            inFlight.add(self[0]);
        }
    }

    /** The answer to a batch beyond the cap: its first step refused, the rest skipped (as after any failed step). */
    private static BatchResult busy(StepBatch batch) {
        BatchResult.Builder r = BatchResult.newBuilder().setBatchId(batch.getId());
        if (batch.getStepsCount() > 0) {
            r.addResults(StepResult.newBuilder().setStepId(batch.getSteps(0).getId()).setStatus(StepStatus.BAD_REQUEST)
                    .setMessage("refused by the agent's sandbox: more than " + Sandbox.MAX_BATCHES_IN_FLIGHT
                            + " batches in flight"));
        }
        return r.build();
    }

    /**
     * The stream is gone, so no one waits for these results: waits are interrupted and end at once; OS calls in
     * progress end by their own step timeout, which the sandbox caps.
     */
    private void awaitInFlightSteps() throws InterruptedException {
        synchronized (inFlight) {
            for (java.util.concurrent.Future<?> f : inFlight) {
                f.cancel(true);
            }
        }
        long deadline = System.currentTimeMillis() + IN_FLIGHT_GRACE_MS;
        while (running.get() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        if (running.get() > 0) {
            LOG.severe(running.get() + " batch(es) still running " + IN_FLIGHT_GRACE_MS
                    + " ms after the stream ended: releasing anyway");
        }
        synchronized (inFlight) {
            inFlight.clear(); // cancelled before they started: they never will
        }
    }

    /** A status with its cause chain, e.g. an expired or unknown certificate behind UNAVAILABLE. */
    static String describe(Throwable t) {
        StringBuilder b = new StringBuilder(String.valueOf(t));
        for (Throwable c = t.getCause(); c != null && b.length() < 600; c = c.getCause()) {
            b.append(" <- ").append(c);
        }
        return b.toString();
    }

    /** StreamObserver is not thread-safe: steps, heartbeats and Hello all go out through here. */
    private synchronized void send(AgentMessage m) {
        ClientCallStreamObserver<AgentMessage> c = current;
        if (c == null) {
            return;
        }
        try {
            c.onNext(m);
        } catch (RuntimeException e) {
            LOG.warning("could not send to coordinator: " + e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(final String name) {
        return r -> {
            Thread t = new Thread(r, "bindlab-" + name);
            t.setDaemon(true);
            return t;
        };
    }
}
