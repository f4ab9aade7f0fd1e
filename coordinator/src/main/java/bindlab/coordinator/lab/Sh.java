// Runs a system command (ip, nft) with a bounded wait and returns its output, failing with the command and its output;
// and removes a directory tree the lab made.
package bindlab.coordinator.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

public final class Sh {
    private Sh() {
    }

    public static String run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        return finish(p, List.of(cmd), "");
    }

    /** Reads the process's output, waits (at most 30 s) and fails naming the command (and what) unless it exits 0. */
    private static String finish(Process p, List<String> cmd, String what) throws IOException {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", cmd));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + out.strip() + what);
        }
        return out;
    }

    /**
     * Runs ip commands (one a line, without the "ip") as one batch, inside namespace netns if not null: one process
     * for many commands. It stops at the first failing line, and the failure names it.
     */
    public static String batch(String netns, String commands) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of("ip"));
        if (netns != null) {
            cmd.addAll(List.of("-n", netns));
        }
        cmd.addAll(List.of("-batch", "-"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(commands.getBytes(StandardCharsets.UTF_8));
        }
        return finish(p, cmd, " (commands: " + commands.strip().replace('\n', ';') + ")");
    }

    /** Like run, but a failure is only reported back (teardown keeps going). */
    public static String tryRun(List<String> failures, String... cmd) {
        try {
            return run(cmd);
        } catch (IOException e) {
            failures.add(e.getMessage());
            return "";
        }
    }

    public static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (new java.io.File(dir, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }

    /** Like deleteTree, but a failure is only reported back (teardown keeps going). */
    public static void tryDeleteTree(List<String> failures, Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            failures.add("could not remove " + dir + ": " + e.getMessage());
        }
    }

    /** Removes dir and everything under it; nothing when it is null or does not exist. */
    public static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
