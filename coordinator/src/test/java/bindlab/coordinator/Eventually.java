// Waiting in tests for something that happens on another thread or in another process: poll until it holds or a
// deadline passes, then let the test's own assertion say what is wrong. Never a fixed sleep before an assertion.
package bindlab.coordinator;

public final class Eventually {
    /** A condition that may read files, tables or processes. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Eventually() {
    }

    /** Polls every 20 ms until the condition holds (true) or timeoutMs pass (false). */
    public static boolean waitUntil(long timeoutMs, Condition c) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!c.holds()) {
            if (System.currentTimeMillis() >= deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
