// bindlab matrix in-process: several stores (positional and --store), every format, --out, --scenarios, and bad input
// (unknown path, corrupt journal) named in the message with exit code 2.
package bindlab.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.coordinator.report.Fixtures;
import bindlab.coordinator.report.MatrixJson;
import bindlab.engine.store.Journal;
import bindlab.engine.store.RunStore;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.MatrixReport;
import bindlab.proto.v1.RunManifest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatrixCommandTest {
    @TempDir
    Path tmp;
    Path realRun;
    Path winRoot;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void stores() throws Exception {
        realRun = tmp.resolve("real-run");
        Files.createDirectories(realRun);
        Files.copy(Fixtures.realRunDir().resolve(Journal.FILE), realRun.resolve(Journal.FILE));
        winRoot = tmp.resolve("win-store");
        Path run = RunStore.create(winRoot, "fixture", RunManifest.newBuilder().setCommandLine("fixture"), java.util.Map.of());
        try (Journal j = Journal.append(run)) {
            for (CellRecord r : Fixtures.invented("fixture-win10", Fixtures.WIN10, run.getFileName().toString())) {
                j.write(r);
            }
        }
    }

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void mergesPositionalStoresAndTheStoreAlias() throws Exception {
        assertThat(run("matrix", realRun.toString(), "--store", winRoot.toString(), "--format", "json")).isEqualTo(0);
        MatrixReport m = MatrixJson.parse(out.toString());
        assertThat(m.getRowsList()).extracting(r -> r.getRow()).containsExactly("target", "fixture-win10");
        assertThat(m.getCellsCount()).isEqualTo(100);
        assertThat(m.getColumnsCount()).isEqualTo(50);
    }

    @Test
    void theSameRunTwiceCountsOnce() throws Exception {
        assertThat(run("matrix", realRun.toString(), realRun.resolve(".").toString(), "--format", "json")).isEqualTo(0);
        assertThat(MatrixJson.parse(out.toString()).getCellsList()).allSatisfy(c -> assertThat(c.getRepeats()).isEqualTo(1));
    }

    @Test
    void everyFormat() throws Exception {
        assertThat(run("matrix", realRun.toString(), winRoot.toString())).isEqualTo(0);
        assertThat(out.toString()).startsWith("matrix: 50 scenario(s) x 2 host(s)").doesNotContain("\u001b[");
        for (String f : List.of("md", "csv", "html")) {
            out.getBuffer().setLength(0);
            assertThat(run("matrix", realRun.toString(), winRoot.toString(), "--format", f)).as(f).isEqualTo(0);
        }
        assertThat(out.toString()).startsWith("<!DOCTYPE html>").contains("id=\"bindlab-data\"");
        out.getBuffer().setLength(0);
        run("matrix", realRun.toString(), "--format", "csv");
        assertThat(out.toString().split("\n")).hasSize(51);
    }

    @Test
    void outWritesTheWholeFile() throws Exception {
        Path file = tmp.resolve("m.md");
        assertThat(run("matrix", realRun.toString(), "--format", "md", "--out", file.toString())).isEqualTo(0);
        assertThat(Files.readString(file)).startsWith("### bindlab matrix");
        assertThat(out.toString()).contains("wrote " + file + " (50 cell(s), 1 host(s), 50 scenario(s))");
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void scenariosFilterByGlob() throws Exception {
        assertThat(run("matrix", realRun.toString(), "--format", "json", "--scenarios", "seed/*/*,control/fresh-bind"))
                .isEqualTo(0);
        MatrixReport m = MatrixJson.parse(out.toString());
        assertThat(m.getColumnsCount()).isEqualTo(17);
        assertThat(run("matrix", realRun.toString(), "--scenarios", "nothing/*")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("no scenario in the store(s) matches 'nothing/*'");
    }

    @Test
    void badInputIsNamed() throws Exception {
        Path missing = tmp.resolve("no-such-store");
        assertThat(run("matrix", realRun.toString(), missing.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains(missing + ": no such file or directory");

        err.getBuffer().setLength(0);
        List<String> lines = Files.readAllLines(realRun.resolve(Journal.FILE));
        lines.set(1, lines.get(1).substring(0, 40));
        Files.write(realRun.resolve(Journal.FILE), lines);
        assertThat(run("matrix", realRun.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains(realRun.toRealPath().resolve(Journal.FILE) + ":2: journal record is corrupt");

        err.getBuffer().setLength(0);
        assertThat(run("matrix")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("name at least one STORE");
    }
}
