// The one infrastructure failure: an agent lost, silent, missing or unable to serve. A cell it interrupts has no
// result (INFRA_ERROR, retried); a bug is never one of these.
package bindlab.engine.run;

public class InfraFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public InfraFailure(String message) {
        super(message);
    }

    public InfraFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
