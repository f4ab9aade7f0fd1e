// Keeps one stream open to the coordinator: Hello, then steps in, results out, heartbeats both ways; on any end of
// the stream it releases everything and dials again with backoff.
package bindlab.agent;

import bindlab.proto.v1.AgentLinkGrpc;
import bindlab.proto.v1.AgentMessage;
import bindlab.proto.v1.CoordinatorMessage;
import bindlab.proto.v1.Heartbeat;
import bindlab.proto.v1.Hello;
import bindlab.proto.v1.Step;
import bindlab.proto.v1.StepResult;
import bindlab.proto.v1.StepStatus;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class AgentClient {
    private static final Logger LOG = LoggerFactory.getLogger(AgentClient.class);
    static final long MAX_BACKOFF_MS = 30000;
    /** Steps running at once; as many again may wait in the queue (Sandbox.MAX_STEPS_IN_FLIGHT in all). */
    static final int STEP_THREADS = Sandbox.MAX_STEPS_IN_FLIGHT / 2;
    /** Longest a step may still run after its stream ended: the sandbox caps blocking calls below this. */
    static final long IN_FLIGHT_GRACE_MS = Sandbox.MAX_BLOCKING_MS + 3000;

    private final ManagedChannel channel;
    private final Hello hello;
    private final StepExecutor executor;
    /** Bounded: a flood of steps is answered BAD_REQUEST, never queued without limit. */
    private final ThreadPoolExecutor stepThreads = new ThreadPoolExecutor(STEP_THREADS, STEP_THREADS, 30,
            TimeUnit.SECONDS, new ArrayBlockingQueue<Runnable>(Sandbox.MAX_STEPS_IN_FLIGHT - STEP_THREADS),
            daemon("step"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("heartbeat"));
    private volatile boolean stopping;
    private volatile ClientCallStreamObserver<AgentMessage> current;
    /** Steps still running; the stream's resources are released only once they are done. */
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    /** Why the last stream ended or was refused: shown by tests and in the log. */
    private volatile String lastProblem = "";
    private volatile boolean connected;

    public AgentClient(ManagedChannel channel, Hello hello, StepExecutor executor) {
        this.channel = channel;
        this.hello = hello;
        this.executor = executor;
        stepThreads.allowCoreThreadTimeOut(true);
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
        long backoff = 500;
        while (!stopping) {
            executor.sandbox().startSession();
            boolean welcomed = session();
            connected = false;
            executor.sandbox().endSession(); // waits in progress stop within a slice; nobody is reachable now
            awaitInFlightSteps();
            int released = executor.releaseAll();
            if (released > 0) {
                LOG.info("stream ended: released {} socket(s) and all filter rules", released);
            }
            if (stopping) {
                break;
            }
            backoff = welcomed ? 500 : Math.min(MAX_BACKOFF_MS, backoff * 2);
            LOG.info("reconnecting to the coordinator in {} ms", backoff);
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
                                LOG.info("connected as '{}', heartbeat every {} ms", hello.getAgentName(), every);
                                beat[0] = timers.scheduleAtFixedRate(() -> heartbeat(lastHeard, every), every, every,
                                        TimeUnit.MILLISECONDS);
                                break;
                            case STEP:
                                runStep(m.getStep());
                                break;
                            case SCOPE: {
                                String bad = executor.sandbox().declare(m.getScope());
                                if (bad != null) {
                                    LOG.error("the coordinator declared a bad session scope ({}): connecting to nobody", bad);
                                    executor.sandbox().declare(bindlab.proto.v1.SessionScope.getDefaultInstance());
                                } else {
                                    LOG.info("session scope: {} host(s) reachable", m.getScope().getHostsCount());
                                }
                                break;
                            }
                            case REFUSAL:
                                lastProblem = "refused: " + m.getRefusal().getReason();
                                LOG.error("the coordinator refused this agent: {}", m.getRefusal().getReason());
                                break;
                            case HEARTBEAT:
                            case KIND_NOT_SET:
                                break;
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        lastProblem = "stream failed: " + describe(t);
                        LOG.warn("stream to coordinator failed: {}", describe(t));
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
    }

    private void runStep(final Step step) {
        inFlight.incrementAndGet();
        try {
            stepThreads.execute(() -> {
                try {
                    send(AgentMessage.newBuilder().setResult(executor.execute(step)).build());
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            send(AgentMessage.newBuilder().setResult(StepResult.newBuilder().setStepId(step.getId())
                    .setStatus(StepStatus.BAD_REQUEST).setMessage("refused by the agent's sandbox: more than "
                            + Sandbox.MAX_STEPS_IN_FLIGHT + " steps in flight")).build());
        }
    }

    /**
     * Waits end within a slice once the session is over and blocking calls are capped by the sandbox, so this
     * returns within seconds; the bound only guards against an OS call that never returns.
     */
    private void awaitInFlightSteps() throws InterruptedException {
        long deadline = System.currentTimeMillis() + IN_FLIGHT_GRACE_MS;
        while (inFlight.get() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        if (inFlight.get() > 0) {
            LOG.error("{} step(s) still running {} ms after the stream ended: releasing anyway", inFlight.get(),
                    IN_FLIGHT_GRACE_MS);
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
            LOG.warn("could not send to coordinator: {}", e.toString());
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
