// Where a campaign finds its agents by name: the coordinator's hub of connected agents, or solo mode's in-process pair.
package bindlab.engine.run;

public interface AgentDirectory {
    /** The agent of that name once it is connected, waiting up to timeoutMs; null if it is still missing then. */
    Agent await(String name, long timeoutMs) throws InterruptedException;

    /** Why the agent is known to be gone for good (then await returns null at once), or null. */
    default String gone(String name) {
        return null;
    }
}
