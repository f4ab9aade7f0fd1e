// One connected agent as the coordinator sees it: its Hello, and a way to run a step and await its result.
package bindlab.coordinator.hub;

import bindlab.proto.v1.CoordinatorMessage;
import bindlab.proto.v1.Hello;
import bindlab.proto.v1.SessionScope;
import bindlab.proto.v1.Step;
import bindlab.proto.v1.StepResult;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

public final class AgentSession {
    private final Hello hello;
    private final ServerCallStreamObserver<CoordinatorMessage> out;
    private final Map<Long, CompletableFuture<StepResult>> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextStepId = new AtomicLong(1);
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private volatile long lastHeardMs = System.currentTimeMillis();
    private SessionScope scope;

    AgentSession(Hello hello, ServerCallStreamObserver<CoordinatorMessage> out) {
        this.hello = hello;
        this.out = out;
    }

    public String name() {
        return hello.getAgentName();
    }

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

    /** Steps sent and not yet answered: the agent is busy. */
    public int pendingSteps() {
        return pending.size();
    }

    public long lastHeardMs() {
        return lastHeardMs;
    }

    /**
     * Sends the step (its id is assigned here) and returns its result. The future fails with AgentLostException
     * if the stream ends first, or times out after the step's own timeout plus slack.
     */
    public CompletableFuture<StepResult> call(Step step, long slackMs) {
        long id = nextStepId.getAndIncrement();
        CompletableFuture<StepResult> f = new CompletableFuture<>();
        if (!isOpen()) {
            f.completeExceptionally(new AgentLostException(name(), closed.getNow("closed")));
            return f;
        }
        pending.put(id, f);
        send(CoordinatorMessage.newBuilder().setStep(step.toBuilder().setId(id)).build());
        long wait = Math.max(step.getTimeoutMs(), 1) + slackMs;
        return f.orTimeout(wait, TimeUnit.MILLISECONDS).whenComplete((r, e) -> pending.remove(id));
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

    void complete(StepResult r) {
        CompletableFuture<StepResult> f = pending.get(r.getStepId());
        if (f != null) {
            f.complete(r);
        }
    }

    /** Ends the session: every waiting step fails as infrastructure, never as a result. */
    void close(String reason) {
        if (closed.complete(reason)) {
            for (CompletableFuture<StepResult> f : pending.values()) {
                f.completeExceptionally(new AgentLostException(name(), reason));
            }
            pending.clear();
        }
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
