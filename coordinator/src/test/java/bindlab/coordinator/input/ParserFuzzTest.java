// A bounded, seeded fuzz of every parser of user files: random mutations of valid files either parse or fail with
// BadInput naming the file; never another exception, never a hang. A failure prints the seed and the iteration.
package bindlab.coordinator.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import bindlab.coordinator.answers.ClaimsFile;
import bindlab.coordinator.fleet.InventoryParser;
import bindlab.engine.BadInput;
import bindlab.engine.scenario.Catalog;
import bindlab.engine.scenario.ScenarioParser;
import bindlab.engine.scenario.ScenarioPrinter;
import bindlab.engine.store.Journal;
import bindlab.engine.store.RunStore;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.HostBinding;
import bindlab.proto.v1.Outcome;
import bindlab.proto.v1.RunManifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParserFuzzTest {
    static final long SEED = 20261201L;
    static final int ROUNDS = 300;
    static final byte[] SPECIALS = "\u0000\n\r\t:{}[]&*!|>'\"#-?,%@`\\$=".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    interface FileParser {
        void parse(Path file) throws Exception;
    }

    @Test
    void inventories() throws Exception {
        fuzz("inventory", Files.readAllBytes(Path.of("../deploy/inventory.example.yml")), InventoryParser::read);
    }

    @Test
    void scenarioFiles() throws Exception {
        byte[] seed = (Catalog.seedText() + ScenarioPrinter.print(Catalog.builtIn().subList(0, 40)))
                .getBytes(StandardCharsets.UTF_8);
        fuzz("scenarios", seed, ScenarioParser::read);
    }

    @Test
    void claimsFiles() throws Exception {
        byte[] seed = ParserFuzzTest.class.getClassLoader().getResourceAsStream(ClaimsFile.BUILT_IN).readAllBytes();
        fuzz("claims", Arrays.copyOf(seed, Math.min(seed.length, 6000)), ClaimsFile::read);
    }

    @Test
    void journalsAndManifests() throws Exception {
        Path run = RunStore.create(dir.resolve("s"), "c", RunManifest.newBuilder().setCommandLine("x").addHosts(
                HostBinding.newBuilder().setTarget("t").setPeer("p")), Map.of());
        try (Journal j = Journal.append(run)) {
            for (int i = 0; i < 5; i++) {
                j.write(CellRecord.newBuilder().setScenarioId("seed/x" + i).setOutcome(Outcome.EADDRINUSE).setRawCode(98)
                        .setReason("état " + i).build());
            }
        }
        byte[] journal = Files.readAllBytes(run.resolve(Journal.FILE));
        fuzz("journal", journal, f -> Journal.read(f.getParent()), Journal.FILE);
        byte[] manifest = Files.readAllBytes(run.resolve(RunStore.MANIFEST));
        fuzz("manifest", manifest, f -> RunStore.manifest(f.getParent()), RunStore.MANIFEST);
    }

    private void fuzz(String what, byte[] valid, FileParser parser) throws Exception {
        fuzz(what, valid, parser, what + ".txt");
    }

    private void fuzz(String what, byte[] valid, FileParser parser, String fileName) throws Exception {
        Random random = new Random(SEED ^ what.hashCode());
        Path sub = Files.createDirectories(dir.resolve("fuzz-" + what));
        Path file = sub.resolve(fileName);
        int refused = 0;
        for (int i = 0; i < ROUNDS; i++) {
            byte[] mutated = mutate(valid, random);
            Files.write(file, mutated);
            String where = what + " round " + i + " (seed " + SEED + ")";
            try {
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> parser.parse(file), where);
            } catch (BadInput e) {
                refused++;
                assertThat(e.getMessage()).as(where).startsWith(file.toString());
            } catch (Throwable t) {
                throw new AssertionError(where + ": " + t, t);
            }
        }
        assertThat(refused).as(what + ": mutations refused (some must be, or the fuzz proves nothing)").isPositive();
    }

    /** One to four random edits: flip, delete, duplicate, insert specials, truncate. */
    static byte[] mutate(byte[] in, Random r) {
        byte[] b = in.clone();
        for (int n = 1 + r.nextInt(4); n > 0 && b.length > 0; n--) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(5)) {
                case 0 -> b[at] = (byte) r.nextInt(256);
                case 1 -> b = concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, Math.min(b.length, at + 1 + r.nextInt(40)), b.length));
                case 2 -> {
                    int end = Math.min(b.length, at + 1 + r.nextInt(200));
                    b = concat(Arrays.copyOf(b, end), Arrays.copyOfRange(b, at, b.length));
                }
                case 3 -> {
                    byte[] ins = new byte[1 + r.nextInt(6)];
                    for (int k = 0; k < ins.length; k++) {
                        ins[k] = SPECIALS[r.nextInt(SPECIALS.length)];
                    }
                    b = concat(concat(Arrays.copyOf(b, at), ins), Arrays.copyOfRange(b, at, b.length));
                }
                default -> b = Arrays.copyOf(b, at);
            }
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
