// The journal on a real file: records round-trip with checksums, a torn last line (even inside a UTF-8 character) is
// skipped and cut before appending, corruption inside a line is named, and a journal written before checksums reads.
package bindlab.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bindlab.engine.BadInput;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.Outcome;
import bindlab.proto.v1.RunManifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path root;

    private static final CellRecord A = CellRecord.newBuilder().setScenarioId("s1").setOutcome(Outcome.EADDRINUSE)
            .setRawCode(98).setReason("non-ASCII: état → ok").build();
    private static final CellRecord B = CellRecord.newBuilder().setScenarioId("s2").setOutcome(Outcome.SUCCESS).build();

    private Path run() throws Exception {
        Map<String, String> files = new HashMap<String, String>();
        files.put("a.txt", "x");
        return RunStore.create(root, "c", RunManifest.newBuilder().setCommandLine("bindlab run x"), files);
    }

    private static void append(Path run, byte[] bytes) throws Exception {
        Files.write(run.resolve(Journal.FILE), bytes, StandardOpenOption.APPEND);
    }

    @Test
    void roundTripTornTailAndResume() throws Exception {
        Path run = run();
        assertThat(RunStore.resolveRun(root)).isEqualTo(run.toRealPath());
        assertThat(RunStore.manifest(run).getCommandLine()).isEqualTo("bindlab run x");
        try (Journal j = Journal.append(run)) {
            j.write(A);
            j.write(B);
        }
        assertThat(Journal.read(run)).containsExactly(A, B);

        // a crash mid-write, cut inside the two bytes of 'é': only that line is lost
        byte[] line = Journal.line(A);
        int cut = new String(line, StandardCharsets.UTF_8).indexOf('é');
        cut = new String(line, StandardCharsets.UTF_8).substring(0, cut).getBytes(StandardCharsets.UTF_8).length + 1;
        byte[] torn = new byte[cut];
        System.arraycopy(line, 0, torn, 0, cut);
        append(run, torn);
        assertThat(Journal.read(run)).containsExactly(A, B);

        try (Journal j = Journal.append(run)) { // resume: the torn tail is cut before appending
            j.write(B);
        }
        assertThat(Journal.read(run)).containsExactly(A, B, B);
        assertThat(new String(Files.readAllBytes(run.resolve("a.txt")), StandardCharsets.UTF_8)).isEqualTo("x");
        assertThat(RunStore.resolveRun(root.resolve("c"))).isEqualTo(run.toRealPath());
    }

    @Test
    void corruptionInsideALineIsNamed() throws Exception {
        Path run = run();
        try (Journal j = Journal.append(run)) {
            j.write(A);
        }
        String good = new String(Journal.line(B), StandardCharsets.UTF_8);
        append(run, good.replace("s2", "s\u00002").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Journal.read(run)).isInstanceOf(BadInput.class)
                .hasMessageStartingWith(run.resolve(Journal.FILE) + ":3: crc32: the record is corrupt");
    }

    @Test
    void aLineWithoutItsChecksumOrWithBadUtf8IsNamed() throws Exception {
        Path run = run();
        append(run, "{\"scenarioId\":\"s4\"}\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Journal.read(run)).isInstanceOf(BadInput.class)
                .hasMessageContaining(Journal.FILE + ":2: not a journal record line");
        Path run2 = run();
        append(run2, new byte[] {'{', (byte) 0xC3, '}', '\n'});
        assertThatThrownBy(() -> Journal.read(run2)).isInstanceOf(BadInput.class)
                .hasMessageContaining(Journal.FILE + ":2: is not valid UTF-8");
    }

    @Test
    void aJournalWrittenBeforeChecksumsStillReads() throws Exception {
        Path dir = Files.createDirectories(root.resolve("old"));
        Files.write(dir.resolve(Journal.FILE), ("{\"scenarioId\":\"s1\",\"outcome\":\"EADDRINUSE\",\"rawCode\":98,"
                + "\"reason\":\"non-ASCII: état → ok\"}\n").getBytes(StandardCharsets.UTF_8));
        assertThat(Journal.read(dir)).containsExactly(A);
    }

    @Test
    void secondRunGetsItsOwnDirectoryAndLatestMoves() throws Exception {
        Path first = RunStore.create(root, "c", RunManifest.newBuilder(), Collections.<String, String>emptyMap());
        Path second = RunStore.create(root, "c", RunManifest.newBuilder(), Collections.<String, String>emptyMap());
        assertThat(second).isNotEqualTo(first);
        assertThat(RunStore.resolveRun(root)).isEqualTo(second.toRealPath());
        assertThatThrownBy(() -> RunStore.resolveRun(root.resolve("nope"))).isInstanceOf(BadInput.class)
                .hasMessageContaining("no such file or directory");
        Files.delete(second.resolve(RunStore.MANIFEST));
        assertThatThrownBy(() -> RunStore.manifest(second)).isInstanceOf(BadInput.class)
                .hasMessage(second.resolve(RunStore.MANIFEST) + ": no such file");
    }

    @Test
    void aLatestPointerFileLeadsWhereALinkWould() throws Exception {
        Path run = run();
        Path campaign = run.getParent();
        Files.delete(campaign.resolve(RunStore.LATEST));
        Files.write(campaign.resolve(RunStore.LATEST), (run.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(RunStore.resolveRun(campaign)).isEqualTo(run.toRealPath()); // as Windows stores write it
    }
}
