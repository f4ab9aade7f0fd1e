// The engine's Agent seam in this process: batches run on a StepExecutor here, with no network in between. Solo
// mode's target and peer are two of these over one host's loopback.
package bindlab.agent.solo;

import bindlab.agent.StepExecutor;
import bindlab.engine.run.Agent;
import bindlab.engine.run.InfraFailure;
import bindlab.proto.v1.Hello;
import bindlab.proto.v1.Step;
import bindlab.proto.v1.StepBatch;
import bindlab.proto.v1.StepResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

final class LocalAgent implements Agent {
    /** How long past its steps' own timeouts a batch may take before it counts as stuck. */
    static final long SLACK_MS = 5000;

    private final Hello hello;
    private final StepExecutor executor;
    private final ExecutorService threads;
    private final ScheduledExecutorService timer;
    private final AtomicLong batchIds = new AtomicLong(1);

    LocalAgent(Hello hello, StepExecutor executor, ExecutorService threads, ScheduledExecutorService timer) {
        this.hello = hello;
        this.executor = executor;
        this.threads = threads;
        this.timer = timer;
    }

    @Override
    public String name() {
        return hello.getAgentName();
    }

    @Override
    public Hello hello() {
        return hello;
    }

    @Override
    public CompletableFuture<List<StepResult>> run(List<Step> steps) {
        final StepBatch batch = StepBatch.newBuilder().setId(batchIds.getAndIncrement()).addAllSteps(steps).build();
        final CompletableFuture<List<StepResult>> f = new CompletableFuture<List<StepResult>>();
        long wait = SLACK_MS;
        for (Step s : steps) {
            wait += Math.max(1, s.getTimeoutMs());
        }
        final StepExecutor.Admitted admitted = executor.admit(batch);
        final java.util.concurrent.Future<?> work;
        try {
            work = threads.submit(() -> {
                try {
                    f.complete(admitted.run().getResultsList());
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) { // the run is stopping
            admitted.abandon();
            throw e;
        }
        final long waited = wait;
        timer.schedule(() -> {
            if (f.completeExceptionally(new InfraFailure("agent '" + name() + "' did not finish a batch of "
                    + steps.size() + " step(s) within " + waited + " ms"))) {
                work.cancel(true);
                admitted.abandon(); // only if it never started
            }
        }, wait, TimeUnit.MILLISECONDS);
        return f;
    }

    /** Closes every socket this agent still holds. */
    int releaseAll() {
        return executor.releaseAll();
    }
}
