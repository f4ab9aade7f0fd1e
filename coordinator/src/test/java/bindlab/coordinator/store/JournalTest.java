// The journal on a real file: records round-trip, a torn last line is skipped, corruption elsewhere is named.
package bindlab.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.Outcome;
import bindlab.proto.v1.RunManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path root;

    @Test
    void roundTripTornTailAndCorruption() throws Exception {
        Path run = Store.create(root, "c", RunManifest.newBuilder().setCommandLine("bindlab run x"), java.util.Map.of("a.txt", "x"));
        assertThat(Store.resolveRun(root)).isEqualTo(run.toRealPath());
        assertThat(Store.manifest(run).getCommandLine()).isEqualTo("bindlab run x");
        CellRecord a = CellRecord.newBuilder().setScenarioId("s1").setOutcome(Outcome.EADDRINUSE).setRawCode(98).build();
        CellRecord b = CellRecord.newBuilder().setScenarioId("s2").setOutcome(Outcome.SUCCESS).build();
        try (Journal j = Journal.append(run)) {
            j.write(a);
            j.write(b);
        }
        assertThat(Journal.read(run)).containsExactly(a, b);

        Files.writeString(run.resolve(Journal.FILE), "{\"scenarioId\":\"s3\",\"outc", StandardOpenOption.APPEND);
        assertThat(Journal.read(run)).containsExactly(a, b); // a crash mid-write loses only that line

        try (Journal j = Journal.append(run)) { // resume: the torn tail is cut before appending
            j.write(b);
        }
        assertThat(Journal.read(run)).containsExactly(a, b, b);
        assertThat(Files.readString(run.resolve("a.txt"))).isEqualTo("x");
        assertThat(Store.resolveRun(root.resolve("c"))).isEqualTo(run.toRealPath());

        Files.writeString(run.resolve(Journal.FILE), "{\"scenarioId\":\"s3\",\"outc\n{\"scenarioId\":\"s4\"}\n",
                StandardOpenOption.APPEND);
        assertThatThrownBy(() -> Journal.read(run)).hasMessageContaining(Journal.FILE + ":4: journal record is corrupt");
    }

    @Test
    void secondRunGetsItsOwnDirectoryAndLatestMoves() throws Exception {
        Path first = Store.create(root, "c", RunManifest.newBuilder(), java.util.Map.of());
        Path second = Store.create(root, "c", RunManifest.newBuilder(), java.util.Map.of());
        assertThat(second).isNotEqualTo(first);
        Journal.append(second).close();
        assertThat(Store.resolveRun(root)).isEqualTo(second.toRealPath());
        assertThatThrownBy(() -> Store.resolveRun(root.resolve("nope"))).hasMessageContaining("is not a bindlab store");
    }
}
