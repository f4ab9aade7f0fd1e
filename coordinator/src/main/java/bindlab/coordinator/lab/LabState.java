// A lab left running by 'lab up': the state file 'lab down' reads, and the removal of labs by name.
package bindlab.coordinator.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

public final class LabState {
    private LabState() {
    }

    /** Writes what 'lab down' needs: namespaces, bridge and agent pids. */
    public static void write(Lab lab, Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("id", lab.id());
        p.setProperty("namespaces", String.join(",", lab.namespacesToRemove().stream().filter(n -> n != null).toList()));
        p.setProperty("bridge", lab.bridge() == null ? "" : lab.bridge());
        p.setProperty("pids", String.join(",", lab.agentPids().stream().map(String::valueOf).toList()));
        p.setProperty("wine_prefixes", String.join(",", lab.hosts().stream().map(h -> lab.winePrefix(h.name()))
                .filter(w -> w != null).map(w -> w.dir().toString()).toList()));
        try (var w = Files.newBufferedWriter(file)) {
            p.store(w, "bindlab lab " + lab.id() + ": remove with 'bindlab lab down'");
        }
    }

    /** Removes a lab left running by 'lab up': stops its agents, deletes its namespaces and bridge. */
    public static List<String> down(Path stateFile) throws IOException {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(stateFile)) {
            p.load(r);
        }
        List<String> problems = new ArrayList<>();
        for (String pid : p.getProperty("pids", "").split(",")) {
            if (!pid.isBlank()) {
                ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ph -> {
                    ph.destroy();
                    try {
                        ph.onExit().get(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        ph.destroyForcibly();
                    }
                });
            }
        }
        for (String prefix : p.getProperty("wine_prefixes", "").split(",")) {
            if (!prefix.isBlank()) {
                WinePrefix.existing(Path.of(prefix.strip())).closed(problems);
            }
        }
        problems.addAll(remove(List.of(p.getProperty("namespaces", "").split(",")), p.getProperty("bridge", "")));
        Files.delete(stateFile);
        return problems;
    }

    /** Deletes a lab's namespaces (their veths go with them) and its bridge: the one teardown every path uses. */
    static List<String> remove(List<String> namespaces, String bridge) {
        List<String> problems = new ArrayList<>();
        StringBuilder batch = new StringBuilder();
        for (String ns : namespaces) {
            if (ns != null && !ns.isBlank()) {
                batch.append("netns del ").append(ns.strip()).append('\n');
            }
        }
        if (bridge != null && !bridge.isBlank()) {
            batch.append("link del ").append(bridge).append('\n');
        }
        if (batch.length() > 0) {
            try {
                Sh.batch(null, batch.toString()); // one ip process for the whole lab
            } catch (IOException e) {
                // a line failed (something already gone?): each one alone, so every failure is named and none skipped
                for (String line : batch.toString().split("\n")) {
                    String[] words = line.split(" ");
                    String[] cmd = new String[words.length + 1];
                    cmd[0] = "ip";
                    System.arraycopy(words, 0, cmd, 1, words.length);
                    Sh.tryRun(problems, cmd);
                }
            }
        }
        return problems;
    }

    /**
     * Removes every lab namespace and bridge on this machine (names start with bl-/bl), e.g. after a crash, every
     * lab's Wine prefix (TMPDIR/bindlab-wine-*, each stopped with its own wineserver -k first), and every lab's
     * temporary directory (TMPDIR/bindlab-lab-*: a demo's Unix socket, a throwaway PKI).
     */
    public static List<String> downAll() throws IOException {
        List<String> problems = new ArrayList<>();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (var dirs = Files.newDirectoryStream(tmp, "bindlab-wine-*")) {
            for (Path d : dirs) {
                WinePrefix.existing(d).closed(problems);
            }
        }
        try (var dirs = Files.newDirectoryStream(tmp, Lab.UNIX_SOCKET_DIR + "*")) {
            for (Path d : dirs) {
                Sh.tryDeleteTree(problems, d);
            }
        }
        List<String> namespaces = new ArrayList<>();
        for (String line : Sh.run("ip", "netns", "list").split("\n")) {
            String ns = line.split("\\s+")[0];
            if (ns.startsWith(Lab.NAMESPACE_PREFIX)) {
                Sh.tryRun(problems, "ip", "netns", "pids", ns).lines().forEach(pid ->
                        ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly));
                namespaces.add(ns);
            }
        }
        problems.addAll(remove(namespaces, null));
        for (String line : Sh.run("ip", "-o", "link", "show", "type", "bridge").split("\n")) {
            String[] f = line.split(":\\s+");
            if (f.length > 1 && f[1].matches(Lab.BRIDGE_PATTERN)) {
                problems.addAll(remove(List.of(), f[1]));
            }
        }
        return problems;
    }
}
