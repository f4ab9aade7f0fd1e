// bench/AgentFootprint.java: how fast a real agent process starts and registers with a real coordinator (gRPC on
// loopback; plain text, or mutual TLS as fleets run it with --tls), and how much memory it holds once idle. Not a
// test: it prints figures.
//   java -cp coordinator/target/bindlab.jar bench/AgentFootprint.java [--tls] JAVA AGENT_JAR IDLE_SECONDS RUNS [JVM_FLAG...]
// Prints, per run: start to registered (ms) and idle RSS (MB, VmRSS after IDLE_SECONDS connected); then the medians.
import bindlab.coordinator.fleet.InventoryParser;
import bindlab.coordinator.hub.AgentHub;
import bindlab.coordinator.hub.CoordinatorServer;
import bindlab.coordinator.hub.FleetAdmission;
import bindlab.coordinator.pki.FleetPki;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

public class AgentFootprint {
    public static void main(String[] args) throws Exception {
        boolean tls = args[0].equals("--tls");
        String[] a = tls ? Arrays.copyOfRange(args, 1, args.length) : args;
        String java = a[0];
        String jar = a[1];
        int idle = Integer.parseInt(a[2]);
        int runs = Integer.parseInt(a[3]);
        List<String> flags = Arrays.asList(a).subList(4, a.length);
        StringBuilder inv = new StringBuilder("all:\n  hosts:\n    fp-target: {bindlab_role: target, bindlab_peer: fp-0}\n");
        for (int i = 0; i < runs; i++) {
            inv.append("    fp-").append(i).append(": {bindlab_role: peer}\n");
        }
        AgentHub hub = new AgentHub(new FleetAdmission(InventoryParser.parse("footprint",
                inv.toString())), false);
        List<Long> starts = new ArrayList<>();
        List<Double> rss = new ArrayList<>(); // MiB
        Path logs = Files.createTempDirectory("bindlab-footprint");
        FleetPki pki = null;
        if (tls) {
            pki = FleetPki.init(logs.resolve("pki"), "footprint", Duration.ofDays(1));
            pki.issueCoordinator(List.of("127.0.0.1"), Duration.ofDays(1));
            for (int i = 0; i < runs; i++) {
                pki.issueAgent("fp-" + i, Duration.ofDays(1));
            }
        }
        try (CoordinatorServer server = CoordinatorServer.start(new InetSocketAddress("127.0.0.1", 0), hub,
                tls ? CoordinatorServer.Security.fromPki(pki.dir()) : CoordinatorServer.Security.insecure())) {
            for (int i = 0; i < runs; i++) {
                String name = "fp-" + i;
                List<String> cmd = new ArrayList<>(List.of(java));
                cmd.addAll(flags);
                cmd.addAll(List.of("-jar", jar, "--coordinator", "127.0.0.1:" + server.port(), "--name", name,
                        "--ports", "61000-61099", "--address", "127.0.0.1", "--log-dir", logs.resolve(name).toString()));
                cmd.addAll(tls ? List.of("--certs", pki.agentDir(name).toString()) : List.of("--insecure"));
                long t0 = System.nanoTime();
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(logs.resolve(name + ".out").toFile()).start();
                if (hub.await(name, 30_000) == null) {
                    p.destroyForcibly();
                    throw new IllegalStateException("agent did not register; see " + logs.resolve(name + ".out"));
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                Thread.sleep(idle * 1000L);
                long kb = Files.readAllLines(Path.of("/proc/" + p.pid() + "/status")).stream()
                        .filter(l -> l.startsWith("VmRSS:")).map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                        .findFirst().orElse(-1L);
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
                starts.add(ms);
                rss.add(kb / 1024.0);
                System.out.printf("run %d: start to registered %d ms, idle RSS %.1f MB%n", i + 1, ms, kb / 1024.0);
            }
        } finally {
            hub.close();
        }
        try (var files = Files.walk(logs)) { // kept above when an agent failed: the error names its log
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        Collections.sort(starts);
        Collections.sort(rss);
        System.out.printf("agent%s %s %s: start to registered median %d ms (max %d), idle RSS median %.1f MB (max %.1f) over %d runs%n",
                tls ? " (mutual TLS)" : " (plain text)", java, String.join(" ", flags), starts.get(runs / 2), starts.get(runs - 1), rss.get(runs / 2),
                rss.get(runs - 1), runs);
    }
}
