// Named exit codes of the bindlab CLI.
package bindlab.coordinator.cli;

public final class ExitCodes {
    public static final int OK = 0;
    /** The run finished but some cells have no result (INVALID_SETUP or INFRA_ERROR). */
    public static final int INCOMPLETE = 1;
    public static final int USAGE = 2;
    public static final int INFRA = 3;

    private ExitCodes() {
    }
}
