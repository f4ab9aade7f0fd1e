// One private Wine prefix for one Wine host of a lab: created with wineboot inside the host's network namespace (so
// its wineserver, which owns every socket, lives there), used to start java.exe, and killed and removed at the end.
package bindlab.coordinator.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Quiet and display-free: WINEARCH=win64, WINEDEBUG=-all, WINEDLLOVERRIDES="mscoree,mshtml=" (no Mono or Gecko
 * prompts). Every command carries this prefix, so wineserver -k never touches another run's Wine.
 */
public final class WinePrefix implements AutoCloseable {
    private static final long BOOT_TIMEOUT_S = 180;

    private final Path dir;
    private final String netns;
    private boolean closed;

    private WinePrefix(Path dir, String netns) {
        this.dir = dir;
        this.netns = netns;
    }

    /** A prefix to be booted at dir (which must not exist yet) inside netns (null: this namespace). */
    public static WinePrefix at(Path dir, String netns) {
        if (Files.exists(dir)) {
            throw new IllegalArgumentException("Wine prefix " + dir + " already exists: it belongs to another lab");
        }
        return new WinePrefix(dir, netns);
    }

    /** wineboot -i: creates the prefix (about 10-15 s, no display needed). close() undoes it, also halfway. */
    public void boot() throws IOException {
        Files.createDirectories(dir.getParent());
        try {
            exec(BOOT_TIMEOUT_S, "wine", "wineboot", "-i");
        } catch (IOException | RuntimeException e) {
            throw new IOException("wineboot -i in " + dir + " failed: " + e.getMessage(), e);
        }
    }

    /** Puts a DLL into the prefix's system32, where Wine loads it like any Windows system DLL it does not have. */
    public void installSystemDll(Path dll) throws IOException {
        Path system32 = dir.resolve("drive_c/windows/system32");
        if (!Files.isDirectory(system32)) {
            throw new IOException("no " + system32 + ": boot the prefix first");
        }
        Files.copy(dll, system32.resolve(dll.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reattaches to a prefix left running by 'lab up', to stop it. */
    public static WinePrefix existing(Path dir) {
        return new WinePrefix(dir, null);
    }

    public Path dir() {
        return dir;
    }

    /** The environment every Wine command of this prefix runs with. */
    public Map<String, String> env() {
        return Map.of("WINEPREFIX", dir.toString(), "WINEARCH", "win64", "WINEDEBUG", "-all",
                "WINEDLLOVERRIDES", "mscoree,mshtml=");
    }

    /** The command line that runs args under Wine in this prefix's namespace: ip netns exec NS wine args... */
    public List<String> command(List<String> args) {
        List<String> cmd = new ArrayList<>();
        if (netns != null) {
            cmd.addAll(List.of("ip", "netns", "exec", netns));
        }
        cmd.add("wine");
        cmd.addAll(args);
        return cmd;
    }

    /** A process builder for args under Wine, with the prefix's environment. */
    public ProcessBuilder builder(List<String> args) {
        ProcessBuilder pb = new ProcessBuilder(command(args));
        pb.environment().putAll(env());
        return pb;
    }

    /** A Linux path as Wine's Z: drive sees it: /tmp/x/a.jar -> Z:\tmp\x\a.jar. */
    public static String windowsPath(Path p) {
        return "Z:" + p.toAbsolutePath().normalize().toString().replace('/', '\\');
    }

    /** Runs a Wine command to completion and returns its output; fails with the output on a non-zero exit. */
    public String exec(long timeoutS, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        if (all.get(0).equals("wine")) {
            all.remove(0);
        }
        Process p = builder(all).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("wine " + String.join(" ", all) + " did not finish within " + timeoutS + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("wine " + String.join(" ", all) + " exited " + p.exitValue() + ": " + out.strip());
            }
            return out;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: wine " + String.join(" ", all), e);
        }
    }

    /**
     * wineserver -k for this prefix only (it ends every Wine process of the prefix: java.exe, services.exe, ...),
     * waits for the server to go, then removes the prefix. Problems are returned, teardown goes on.
     */
    @Override
    public synchronized void close() {
        closed(new ArrayList<>());
    }

    public synchronized List<String> closed(List<String> problems) {
        if (closed) {
            return problems;
        }
        closed = true;
        if (Files.isDirectory(dir)) {
            wineserver(problems, "-k");
            wineserver(problems, "-w");
        }
        Sh.tryDeleteTree(problems, dir); // the path names it: TMPDIR/bindlab-wine-*
        return problems;
    }

    private void wineserver(List<String> problems, String flag) {
        try {
            ProcessBuilder pb = new ProcessBuilder("wineserver", flag).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().putAll(env());
            Process p = pb.start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                problems.add("wineserver " + flag + " for " + dir + " did not finish within 30 s");
            }
        } catch (IOException e) {
            problems.add("wineserver " + flag + " for " + dir + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
