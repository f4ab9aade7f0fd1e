// One connected agent as the coordinator sees it: its Hello, and the engine's Agent seam over the gRPC stream
// (a batch of steps out, its results back).
package bindlab.coordinator.hub;

import bindlab.engine.run.Agent;
import bindlab.engine.run.InfraFailure;
import bindlab.proto.v1.BatchResult;
import bindlab.proto.v1.CoordinatorMessage;
import bindlab.proto.v1.Hello;
import bindlab.proto.v1.SessionScope;
import bindlab.proto.v1.Step;
import bindlab.proto.v1.StepBatch;
import bindlab.proto.v1.StepResult;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

public final class AgentSession implements Agent {
    /** How long past its steps' own timeouts a batch may take before the agent counts as silent. */
    static final long SLACK_MS = 5000;

    private final Hello hello;
    private final ServerCallStreamObserver<CoordinatorMessage> out;
    private final Map<Long, CompletableFuture<List<StepResult>>> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextBatchId = new AtomicLong(1);
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private volatile long lastHeardMs = System.currentTimeMillis();
    private SessionScope scope;

    AgentSession(Hello hello, ServerCallStreamObserver<CoordinatorMessage> out) {
        this.hello = hello;
        this.out = out;
    }

    @Override
    public String name() {
        return hello.getAgentName();
    }

    @Override
    public Hello hello() {
        return hello;
    }

    public boolean isOpen() {
        return !closed.isDone();
    }

    /** Completes with the reason when the stream ends. */
    public CompletableFuture<String> closed() {
        return closed;
    }

    /** Batches sent and not yet answered: the agent is busy. */
    public int pendingBatches() {
        return pending.size();
    }

    public long lastHeardMs() {
        return lastHeardMs;
    }

    /**
     * Sends the steps as one batch (its id is assigned here). The future fails with InfraFailure if the stream ends
     * first, or if no answer comes within the steps' timeouts plus slack.
     */
    @Override
    public CompletableFuture<List<StepResult>> run(List<Step> steps) {
        long id = nextBatchId.getAndIncrement();
        CompletableFuture<List<StepResult>> f = new CompletableFuture<>();
        if (!isOpen()) {
            f.completeExceptionally(lost(closed.getNow("closed")));
            return f;
        }
        pending.put(id, f);
        send(CoordinatorMessage.newBuilder().setBatch(StepBatch.newBuilder().setId(id).addAllSteps(steps)).build());
        long wait = SLACK_MS;
        for (Step s : steps) {
            wait += Math.max(s.getTimeoutMs(), 1);
        }
        long waited = wait;
        return f.orTimeout(wait, TimeUnit.MILLISECONDS).handle((r, e) -> {
            pending.remove(id);
            if (e == null) {
                return r;
            }
            throw new java.util.concurrent.CompletionException(e instanceof TimeoutException
                    ? new InfraFailure("agent '" + name() + "' did not answer a batch of " + steps.size()
                            + " step(s) (" + steps.get(0).getOpCase() + "...) within " + waited + " ms")
                    : e);
        });
    }

    synchronized void send(CoordinatorMessage m) {
        if (isOpen()) {
            try {
                out.onNext(m);
            } catch (RuntimeException e) {
                close("send failed: " + e.getMessage());
            }
        }
    }

    /** Tells the agent whom it may reach this session; sent again only when it changed. */
    synchronized void sendScope(SessionScope s) {
        if (!s.equals(scope)) {
            scope = s;
            send(CoordinatorMessage.newBuilder().setScope(s).build());
        }
    }

    void heard() {
        lastHeardMs = System.currentTimeMillis();
    }

    void complete(BatchResult r) {
        CompletableFuture<List<StepResult>> f = pending.get(r.getBatchId());
        if (f != null) {
            f.complete(r.getResultsList());
        }
    }

    /** Ends the session: every waiting batch fails as infrastructure, never as a result. */
    void close(String reason) {
        if (closed.complete(reason)) {
            for (CompletableFuture<List<StepResult>> f : pending.values()) {
                f.completeExceptionally(lost(reason));
            }
            pending.clear();
        }
    }

    private InfraFailure lost(String reason) {
        return new InfraFailure("agent '" + name() + "' lost: " + reason);
    }

    /** Cancels the stream from our side (heartbeat lost or coordinator stopping). */
    void abort(String reason) {
        close(reason);
        try {
            out.onError(io.grpc.Status.UNAVAILABLE.withDescription(reason).asRuntimeException());
        } catch (RuntimeException ignored) {
            // the stream was already gone
        }
    }
}
