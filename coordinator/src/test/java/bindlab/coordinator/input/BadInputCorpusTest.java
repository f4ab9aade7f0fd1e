// The bad-input promise, command by command: every malformed inventory, scenario, claims, journal and manifest file
// gives exit 2 and a message naming the file (and line and field where there is one), quickly, and leaves no store.
package bindlab.coordinator.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import bindlab.coordinator.cli.ExitCodes;
import bindlab.coordinator.cli.Main;
import bindlab.engine.store.Journal;
import bindlab.engine.store.RunStore;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.Outcome;
import bindlab.proto.v1.RunManifest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadInputCorpusTest {
    /** A guard against a hang or a blow-up, not a performance figure: each case takes milliseconds. */
    static final Duration BOUND = Duration.ofSeconds(20);
    static final String GOOD_INVENTORY = "all:\n  hosts:\n    t1: {bindlab_role: target}\n    p1: {bindlab_role: peer}\n";
    static final String GOOD_SCENARIO = "scenario mine/a\nstate none\ntarget: socket L1 inet\n"
            + "target: probe bind L1 wildcard4:$PORT\n";
    static final String GOOD_CLAIMS = "claims:\n  - id: mine\n    title: t\n    source: s\n    os_family: linux\n"
            + "    expect:\n      \"seed/**\": OK\n";

    @TempDir
    Path dir;

    /** The malformed texts every text file is tried with; each must be refused. */
    static Map<String, byte[]> corpus() {
        Map<String, byte[]> c = new LinkedHashMap<>();
        c.put("empty", new byte[0]);
        c.put("binary garbage", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, (byte) 0xff, (byte) 0xfe, 7});
        c.put("invalid UTF-8", "all:\n  hosts:\n    t\u00e9:\n".getBytes(StandardCharsets.ISO_8859_1));
        c.put("NUL byte", "all:\n  hosts:\n    t1: {bindlab_role: tar\u0000get}\n".getBytes(StandardCharsets.UTF_8));
        c.put("4 MB single line", ("x".repeat(4 << 20) + "\n").getBytes(StandardCharsets.UTF_8));
        c.put("20 MB file", new byte[20 << 20]);
        c.put("nested 5000 deep", ("a: " + "[".repeat(5000) + "]".repeat(5000) + "\n").getBytes(StandardCharsets.UTF_8));
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int i = 1; i <= 81; i++) {
            bomb.append((char) ('a' + i % 26)).append(i).append(": &x").append(i).append(" [*")
                    .append(i == 1 ? "a" : "x" + (i - 1)).append(",*").append(i == 1 ? "a" : "x" + (i - 1)).append("]\n");
        }
        c.put("alias bomb", bomb.toString().getBytes(StandardCharsets.UTF_8));
        return c;
    }

    private record Result(int code, String err) {
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = assertTimeoutPreemptively(BOUND, () -> Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args));
        return new Result(code, err.toString());
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    private void refused(String what, Path file, Result r) {
        assertThat(r.code()).as(what + ": " + r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).as(what).startsWith("bindlab: " + file).doesNotContain("internal error");
    }

    @Test
    void inventories() throws Exception {
        Map<String, byte[]> c = corpus();
        c.put("duplicate key", "all:\n  hosts:\n    t1: {bindlab_role: target, bindlab_role: peer}\n".getBytes());
        c.put("out-of-range ports", (GOOD_INVENTORY + "  vars:\n    bindlab_ports: 99999-1\n").getBytes());
        c.put("list, not mapping", "- a\n- b\n".getBytes());
        for (Map.Entry<String, byte[]> e : c.entrySet()) {
            Path f = write("inv.yml", e.getValue());
            Path store = dir.resolve("store-" + e.getKey().replace(' ', '-'));
            Result r = run("run", "--inventory", f.toString(), "--store", store.toString(), "--scenarios", "seed/**");
            refused("inventory, " + e.getKey(), f, r);
            assertThat(store).as("no store is created for a bad inventory (" + e.getKey() + ")").doesNotExist();
        }
    }

    @Test
    void scenarioFiles() throws Exception {
        Map<String, byte[]> c = corpus();
        c.put("NUL in a step", GOOD_SCENARIO.replace("inet\n", "in\u0000et\n").getBytes());
        c.put("port outside any sandbox", GOOD_SCENARIO.replace("$PORT", "22").getBytes());
        c.put("port out of range", GOOD_SCENARIO.replace("$PORT", "99999").getBytes());
        c.put("a huge backlog", (GOOD_SCENARIO + "target: listen L1 99999999999999999999\n").getBytes());
        for (Map.Entry<String, byte[]> e : c.entrySet()) {
            Path f = write("user.scn", e.getValue());
            refused("scenario file, " + e.getKey(), f, run("scenarios", "list", "--scenarios-file", f.toString()));
        }
        Path crlf = write("crlf.scn", ("\uFEFF" + GOOD_SCENARIO.replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8));
        assertThat(run("scenarios", "list", "--scenarios-file", crlf.toString(), "--filter", "mine/a").code())
                .as("CRLF and a byte-order mark are the same text").isZero();
    }

    @Test
    void aScenarioFileOf134kScenariosIsReadInLinearTime() throws Exception {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 134_000; i++) {
            big.append(GOOD_SCENARIO.replace("mine/a", "mine/" + i));
        }
        Path f = write("big.scn", big.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(run("scenarios", "list", "--scenarios-file", f.toString(), "--filter", "mine/133999").code()).isZero();
    }

    @Test
    void claimsFiles() throws Exception {
        Path store = fixtureStore();
        Map<String, byte[]> c = corpus();
        c.put("duplicate key", GOOD_CLAIMS.replace("    title: t\n", "    title: t\n    title: u\n").getBytes());
        c.put("3 MB title", GOOD_CLAIMS.replace("title: t", "title: " + "t".repeat(3 << 20)).getBytes());
        c.put("version out of range", (GOOD_CLAIMS + "    min_version: 99999999999999999\n").getBytes());
        for (Map.Entry<String, byte[]> e : c.entrySet()) {
            Path f = write("mine.yaml", e.getValue());
            refused("claims file, " + e.getKey(), f, run("claims", store.toString(), "--claims", f.toString()));
        }
    }

    @Test
    void journalsAndManifests() throws Exception {
        Map<String, Function<String, byte[]>> journals = new LinkedHashMap<>();
        journals.put("binary garbage", j -> new byte[] {(byte) 0xff, 0, 1, '\n'});
        journals.put("a NUL inside a record", j -> j.replace("t1", "t\u00001").getBytes(StandardCharsets.UTF_8));
        journals.put("a flipped character", j -> j.replace("t1", "t2").getBytes(StandardCharsets.UTF_8));
        journals.put("invalid UTF-8 inside a line", j -> {
            byte[] b = j.getBytes(StandardCharsets.UTF_8);
            b[30] = (byte) 0xC3;
            b[31] = (byte) 0x28;
            return b;
        });
        for (Map.Entry<String, Function<String, byte[]>> e : journals.entrySet()) {
            Path store = fixtureStore();
            Path journal = store.resolve(Journal.FILE);
            String text = Files.readString(journal);
            Files.write(journal, e.getValue().apply(text));
            refused("journal, " + e.getKey(), journal, run("matrix", store.toString()));
            refused("journal on resume, " + e.getKey(), journal, run("resume", store.toString(), "--listen", "127.0.0.1:0"));
        }
        Path store = fixtureStore();
        Path manifest = store.resolve(RunStore.MANIFEST);
        Files.delete(manifest);
        refused("removed manifest", manifest, run("resume", store.toString(), "--listen", "127.0.0.1:0"));
        for (Map.Entry<String, byte[]> e : corpus().entrySet()) {
            Files.write(manifest, e.getValue());
            refused("manifest, " + e.getKey(), manifest, run("resume", store.toString(), "--listen", "127.0.0.1:0"));
        }
    }

    /** A real store with one record, a manifest, a scenario set and an inventory snapshot. */
    private Path fixtureStore() throws Exception {
        Path run = RunStore.create(dir.resolve("stores"), "c", RunManifest.newBuilder().addHosts(
                bindlab.proto.v1.HostBinding.newBuilder().setTarget("t1").setPeer("p1")).setScenariosFile(RunStore.SCENARIOS)
                .setInventoryFile("inventory.yml").setListen("127.0.0.1:0").setAgentWaitSeconds(1),
                Map.of("inventory.yml", GOOD_INVENTORY, RunStore.SCENARIOS, GOOD_SCENARIO));
        try (Journal j = Journal.append(run)) {
            j.write(CellRecord.newBuilder().setScenarioId("mine/a").setTargetHost("t1").setRepeat(1)
                    .setOutcome(Outcome.SUCCESS).setReason("t1 was here").build());
        }
        return run;
    }
}
