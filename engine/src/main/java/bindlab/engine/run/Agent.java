// The narrow seam between the engine and an agent, wherever it runs (a gRPC stream, in-process for solo mode, a
// scripted fake in tests): who it is, and "run these steps in order".
package bindlab.engine.run;

import bindlab.proto.v1.Hello;
import bindlab.proto.v1.Step;
import bindlab.proto.v1.StepResult;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

public interface Agent {
    /** The agent's name (its inventory host name). */
    String name();

    /** What it said about itself: identity, capabilities, sandbox ports, addresses. */
    Hello hello();

    /**
     * Runs the steps in order as one batch. The results come in step order; a step skipped because the batch
     * stopped (see Step.go_on_error, Step.always) has none. Fails with InfraFailure when the agent is lost or does not
     * answer within the steps' timeouts plus some slack.
     */
    CompletableFuture<List<StepResult>> run(List<Step> steps);

    /** run(), waited for. */
    default List<StepResult> call(List<Step> steps) throws InfraFailure, InterruptedException {
        try {
            return run(steps).get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof InfraFailure) {
                throw (InfraFailure) c;
            }
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c; // a bug: it surfaces as one
            }
            throw new InfraFailure("agent '" + name() + "': " + c, c);
        }
    }

    /** One step, waited for. */
    default StepResult call(Step step) throws InfraFailure, InterruptedException {
        List<StepResult> r = call(Collections.singletonList(step));
        if (r.isEmpty()) {
            throw new InfraFailure("agent '" + name() + "' answered a step with no result");
        }
        return r.get(0);
    }
}
