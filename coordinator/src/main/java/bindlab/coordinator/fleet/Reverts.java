// VM snapshots: before a new campaign, runs each host's bindlab_revert command (an argument list, no shell), logged.
package bindlab.coordinator.fleet;

import bindlab.engine.BadInput;
import bindlab.engine.run.InfraFailure;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A host whose inventory entry has e.g. {@code bindlab_revert: [virsh, snapshot-revert, win10-22h2, clean]} is
 * reverted before the campaign starts; the agent on it then reconnects, and the campaign's wait for agents covers
 * that. Each command, its exit code and the tail of its output go to the terminal and to the run's revert.log. A
 * failed revert stops the campaign before any cell runs: a host in an unknown state gives no trustworthy result.
 */
public final class Reverts {
    public static final String LOG = "revert.log";
    /** bindlab_revert_timeout: seconds a revert may take (default 600). */
    public static final String TIMEOUT_VAR = InventoryVars.REVERT_TIMEOUT;

    private Reverts() {
    }

    /** Runs every host's revert command in inventory order; throws InfraFailure on the first failure. */
    public static int run(Inventory inv, Path runDir, PrintWriter out)
            throws IOException, InterruptedException, InfraFailure {
        int ran = 0;
        for (FleetHost h : inv.hosts()) {
            List<String> cmd = h.revert();
            if (cmd.isEmpty()) {
                continue;
            }
            long timeout = timeoutOf(inv, h);
            log(runDir, out, "revert " + h.name() + ": running " + quoted(cmd) + " (timeout " + timeout + " s)");
            Path output = Files.createTempFile(runDir, "revert-", ".out");
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            } catch (IOException e) {
                Files.deleteIfExists(output);
                log(runDir, out, "revert " + h.name() + ": cannot start: " + e.getMessage());
                throw new InfraFailure("revert of '" + h.name() + "' could not start " + quoted(cmd) + ": "
                        + e.getMessage() + " (" + inv.file() + ": " + InventoryVars.REVERT + ")");
            }
            p.getOutputStream().close();
            boolean done = p.waitFor(timeout, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            String tail = tail(new String(Files.readAllBytes(output), StandardCharsets.UTF_8));
            Files.deleteIfExists(output);
            int code = done ? p.exitValue() : -1;
            log(runDir, out, "revert " + h.name() + ": " + (done ? "exit " + code : "timed out after " + timeout + " s")
                    + (tail.isEmpty() ? "" : "; output: " + tail));
            if (code != 0) {
                throw new InfraFailure("revert of '" + h.name() + "' failed (" + (done ? "exit " + code
                        : "timeout") + "): " + quoted(cmd) + "; see " + runDir.resolve(LOG));
            }
            ran++;
        }
        return ran;
    }

    private static long timeoutOf(Inventory inv, FleetHost h) {
        String t = h.vars().getOrDefault(TIMEOUT_VAR, "600");
        try {
            long s = Long.parseLong(t.trim());
            if (s > 0) {
                return s;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadInput(inv.file(), h.lineOf(TIMEOUT_VAR), TIMEOUT_VAR, "'" + t
                + "' is not a positive number of seconds (host '" + h.name() + "')");
    }

    private static void log(Path runDir, PrintWriter out, String line) throws IOException {
        out.println(line);
        out.flush();
        Files.writeString(runDir.resolve(LOG), Instant.now() + " " + line + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String quoted(List<String> cmd) {
        StringBuilder b = new StringBuilder("[");
        for (String c : cmd) {
            b.append(b.length() == 1 ? "" : ", ").append('\'').append(c).append('\'');
        }
        return b.append(']').toString();
    }

    private static String tail(String s) {
        String t = s.strip().replace('\n', ' ');
        return t.length() > 300 ? "..." + t.substring(t.length() - 300) : t;
    }
}
