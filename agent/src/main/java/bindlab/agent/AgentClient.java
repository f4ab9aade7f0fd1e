// Keeps one stream open to the coordinator: Hello, then step batches in, results out, heartbeats both ways; on any end of
// the stream it releases everything and dials again with backoff.
package bindlab.agent;

import bindlab.proto.v1.AgentLinkGrpc;
import bindlab.proto.v1.AgentMessage;
import bindlab.proto.v1.CoordinatorMessage;
import bindlab.proto.v1.Heartbeat;
import bindlab.proto.v1.Hello;
import bindlab.proto.v1.StepBatch;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class AgentClient {
    private static final Logger LOG = LoggerFactory.getLogger(AgentClient.class);
    static final long MAX_BACKOFF_MS = 30000;
    /** Agents often start alongside their coordinator (a lab, a reboot): redial soon, then back off to 30 s. */
    static final long FIRST_BACKOFF_MS = 100;

    private final ManagedChannel channel;
    private final Hello hello;
    private final StepExecutor executor;
    private final ExecutorService stepThreads = Executors.newCachedThreadPool(daemon("step"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("heartbeat"));
    private volatile boolean stopping;
    private volatile ClientCallStreamObserver<AgentMessage> current;
    /** Batches still running; the stream's resources are released only once they are done (or interrupted). */
    private final java.util.Set<java.util.concurrent.Future<?>> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public AgentClient(ManagedChannel channel, Hello hello, StepExecutor executor) {
        this.channel = channel;
        this.hello = hello;
        this.executor = executor;
    }

    /** Dials until stop() is called; each session ends with everything released. */
    public void runForever() throws InterruptedException {
        long backoff = FIRST_BACKOFF_MS;
        while (!stopping) {
            boolean welcomed = session();
            awaitInFlightSteps();
            int released = executor.releaseAll();
            if (released > 0) {
                LOG.info("stream ended: released {} socket(s) and all filter rules", released);
            }
            if (stopping) {
                break;
            }
            backoff = welcomed ? FIRST_BACKOFF_MS : Math.min(MAX_BACKOFF_MS, backoff * 2);
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
                                long every = Math.max(200, m.getWelcome().getHeartbeatIntervalMs());
                                LOG.info("connected as '{}', heartbeat every {} ms", hello.getAgentName(), every);
                                beat[0] = timers.scheduleAtFixedRate(() -> heartbeat(lastHeard, every), every, every,
                                        TimeUnit.MILLISECONDS);
                                break;
                            case BATCH:
                                runBatch(m.getBatch());
                                break;
                            case REFUSAL:
                                LOG.error("the coordinator refused this agent: {}", m.getRefusal().getReason());
                                break;
                            case HEARTBEAT:
                            case KIND_NOT_SET:
                                break;
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        LOG.warn("stream to coordinator failed: {}", t.toString());
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

    private void runBatch(final StepBatch batch) {
        final java.util.concurrent.Future<?>[] self = {null};
        synchronized (inFlight) {
            self[0] = stepThreads.submit(() -> {
                try {
                    send(AgentMessage.newBuilder().setBatchResult(executor.run(batch)).build());
                } finally {
                    synchronized (inFlight) {
                        inFlight.remove(self[0]);
                    }
                }
            });
            inFlight.add(self[0]);
        }
    }

    /**
     * The stream is gone, so no one waits for these results: waits are interrupted and end at once; OS calls in
     * progress end by their own step timeout. The bound only guards against a stuck OS call.
     */
    private void awaitInFlightSteps() throws InterruptedException {
        synchronized (inFlight) {
            for (java.util.concurrent.Future<?> f : inFlight) {
                f.cancel(true);
            }
        }
        long deadline = System.currentTimeMillis() + 120000;
        while (!inFlight.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
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
