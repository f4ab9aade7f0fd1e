// Ctrl-C on a namespace demo while cells run: a terminal signals the whole foreground process group. Running cells
// finish with results, the rest is left for resume, and the lab comes down. The test sends SIGTERM to the group, which
// the coordinator handles as it does SIGINT: a test run started in the background (as CI starts it) has SIGINT
// ignored, shells do that for background jobs, and a JVM started so keeps ignoring it.
package bindlab.coordinator.lab;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.coordinator.CiRequirement;
import bindlab.coordinator.Eventually;
import bindlab.coordinator.cli.Main;
import bindlab.engine.store.Journal;
import bindlab.engine.store.RunStore;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCtrlCTest {
    @TempDir
    Path dir;

    @Test
    void ctrlCWhileCellsRunLetsThemFinishLeavesTheRestForResumeAndTakesTheLabDown() throws Exception {
        CiRequirement.require(Lab.namespacesPossible(), "DemoCtrlCTest", "needs root and iproute2 to build network namespaces");
        Path store = dir.resolve("store");
        Path log = dir.resolve("demo.log");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        // setsid: the coordinator leads its own process group, as a shell's foreground job does
        List<String> cmd = new ArrayList<>(List.of("setsid", Lab.ownJava(), "-cp", cp, Main.class.getName(), "demo",
                "--store", store.toString(), "--quiet",
                "--agent-jar", System.getProperty("bindlab.agent.jar")));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Path journal = store.resolve("campaign/latest/" + Journal.FILE);
            Eventually.waitUntil(120_000, () -> lines(journal) >= 300 || !p.isAlive());
            assertThat(p.isAlive()).as("still running at 300 journal lines; log: " + Files.readString(log)).isTrue();
            Process kill = new ProcessBuilder("kill", "-TERM", "--", "-" + p.pid()).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).isTrue();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("stopped within 120 s").isTrue();
        } finally {
            if (p.isAlive()) { // hung: its agents (in sessions of their own) and its namespaces go with it
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                agentsOf(store).forEach(ProcessHandle::destroyForcibly);
                Matcher lab = Pattern.compile("namespace lab (\\w+):").matcher(Files.readString(log));
                if (lab.find()) {
                    for (String ns : namespaces().split("\n")) {
                        if (ns.startsWith(Lab.NAMESPACE_PREFIX + lab.group(1) + "-")) {
                            new ProcessBuilder("ip", "netns", "del", ns.split("\\s+")[0]).inheritIO().start()
                                    .waitFor(10, TimeUnit.SECONDS);
                        }
                    }
                    new ProcessBuilder("ip", "link", "del", Lab.bridgeName(lab.group(1))).inheritIO().start()
                            .waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
        String out = Files.readString(log);
        assertThat(p.exitValue()).as(out).isEqualTo(143); // 128 + SIGTERM
        assertThat(out).doesNotContain("internal error").doesNotContain("unhealthy")
                .contains("bindlab: stopping: running cells finish");

        List<CellRecord> records = Journal.read(RunStore.resolveRun(store.resolve("campaign")));
        assertThat(records).extracting(CellRecord::getOutcome).doesNotContain(Outcome.INFRA_ERROR);
        Matcher planned = Pattern.compile("; (\\d+) cell\\(s\\) to run").matcher(out);
        Matcher left = Pattern.compile("left for resume: (\\d+) cell\\(s\\)").matcher(out);
        assertThat(planned.find() && left.find()).as(out).isTrue();
        assertThat(Integer.parseInt(left.group(1))).isPositive();
        assertThat(records.size() + Integer.parseInt(left.group(1))).isEqualTo(Integer.parseInt(planned.group(1)));

        Matcher lab = Pattern.compile("namespace lab (\\w+):").matcher(out);
        assertThat(lab.find()).as(out).isTrue();
        assertThat(namespaces()).doesNotContain(lab.group(1));
        assertThat(agentsOf(store)).as("the lab's agents").isEmpty();
    }

    private static String namespaces() throws Exception {
        Process netns = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String text = new String(netns.getInputStream().readAllBytes());
        netns.waitFor(10, TimeUnit.SECONDS);
        return text;
    }

    /** The lab's agent processes: each has its log directory, in the store, on its command line. */
    private static List<ProcessHandle> agentsOf(Path store) {
        return ProcessHandle.allProcesses().filter(h -> h.info().arguments().map(a -> String.join(" ", a))
                .orElse("").contains(store.toString())).toList();
    }

    private static long lines(Path file) throws java.io.IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (var l = Files.lines(file)) {
            return l.count();
        }
    }
}
