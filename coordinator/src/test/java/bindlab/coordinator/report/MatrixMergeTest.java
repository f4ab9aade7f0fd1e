// Merging stores: rows by host name and identity in version order, pooled repeats, conflicts between runs shown
// rather than outvoted, untrusted rows, columns grouped by dimensions, and the scenario filter.
package bindlab.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.MatrixCell;
import bindlab.proto.v1.MatrixColumn;
import bindlab.proto.v1.MatrixReport;
import bindlab.proto.v1.MatrixRow;
import bindlab.proto.v1.Outcome;
import bindlab.proto.v1.RunVerdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixMergeTest {
    private static MatrixCell cell(MatrixReport m, String row, String scenario) {
        return m.getCellsList().stream().filter(c -> c.getRow().equals(row) && c.getScenarioId().equals(scenario))
                .findFirst().orElseThrow(() -> new AssertionError("no cell " + row + " / " + scenario));
    }

    @Test
    void rowsFollowIdentityOrderAndColumnsTheirGroups() {
        MatrixReport m = Matrix.build(Fixtures.mixed());
        assertThat(m.getRowsList()).extracting(MatrixRow::getRow)
                .containsExactly("target", "fixture-win7", "fixture-win10"); // linux, then Windows by build
        assertThat(m.getRunIdsList()).containsExactly(Fixtures.REAL_RUN, "20250101T000000Z", "20250202T000000Z");
        List<String> groups = new ArrayList<>();
        m.getColumnsList().stream().map(MatrixColumn::getGroup).filter(g -> !groups.contains(g)).forEach(groups::add);
        assertThat(groups).containsExactly("control", "seed", "empty", "bound", "listen", "conn/ESTABLISHED",
                "conn/CLOSE_WAIT", "conn/FIN_WAIT_2", "conn/TIME_WAIT", "conn/FIN_WAIT_1", "conn/LAST_ACK",
                "conn/CLOSING", "conn/backlog", "other");
        MatrixColumn tw = m.getColumnsList().stream()
                .filter(c -> c.getScenarioId().equals("conn/TIME_WAIT/open/accepted/none>none/wild>wild/v4"))
                .findFirst().orElseThrow();
        assertThat(tw.getDimsMap()).containsEntry("lingering", "connection").containsEntry("state", "TIME_WAIT")
                .containsEntry("handle", "open").containsEntry("first_addr", "wild").containsEntry("family", "v4");
        assertThat(tw.getTitle()).isNotEmpty();
        MatrixColumn old = m.getColumnsList().stream().filter(c -> c.getScenarioId().startsWith("conn/SYN_RECV/"))
                .findFirst().orElseThrow();
        assertThat(old.getGroup()).isEqualTo("other"); // an id the catalog no longer has
        assertThat(old.getDimsMap()).isEmpty();
        // cells follow rows, then columns
        assertThat(m.getCells(0).getRow()).isEqualTo("target");
        assertThat(m.getCells(0).getScenarioId()).isEqualTo("control/fresh-bind");
    }

    @Test
    void runsThatDisagreeAreAConflictWithEachVerdict() {
        MatrixReport m = Matrix.build(Fixtures.mixed());
        MatrixCell c = cell(m, "fixture-win10", "seed/TIME_WAIT/none>none");
        assertThat(c.getConflict()).isTrue();
        assertThat(c.getConflictsList()).extracting(RunVerdict::getRunId, RunVerdict::getOutcome, RunVerdict::getRawCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("20250101T000000Z", "bind:EADDRINUSE", 10048),
                        org.assertj.core.groups.Tuple.tuple("20250202T000000Z", "OK", 0));
        assertThat(c.getRunIdsList()).containsExactly("20250101T000000Z", "20250202T000000Z");
        assertThat(c.getEvidenceList()).hasSize(2);
        assertThat(c.getRepeats()).isEqualTo(2);
        assertThat(Summaries.cell(c)).isEqualTo("bind:EADDRINUSE/OK CONFLICT");
        assertThat(MatrixText.render(m)).contains("bind:EADDRINUSE/OK CONFLICT").contains("CONFLICT: runs of these stores");
    }

    @Test
    void runsThatAgreePoolTheirRepeats() {
        List<CellRecord> a = Fixtures.invented("fixture-win10", Fixtures.WIN10, "run-a");
        List<CellRecord> b = Fixtures.invented("fixture-win10", Fixtures.WIN10, "run-b");
        List<CellRecord> all = new ArrayList<>(a);
        all.addAll(b);
        MatrixReport m = Matrix.build(all);
        assertThat(m.getRowsList()).hasSize(1);
        assertThat(m.getCellsList()).allSatisfy(c -> {
            assertThat(c.getConflict()).isFalse();
            assertThat(c.getConflictsList()).isEmpty();
            assertThat(c.getRepeats()).isEqualTo(2);
            assertThat(c.getAgreed()).isEqualTo(2);
            assertThat(c.getRunIdsList()).containsExactly("run-a", "run-b");
        });
    }

    @Test
    void aRunLostToInfrastructureDoesNotConflict() {
        CellRecord ok = Fixtures.find(Fixtures.real(), "seed/TIME_WAIT/REUSEADDR>REUSEADDR");
        CellRecord lost = ok.toBuilder().setRunId("later").setOutcome(Outcome.INFRA_ERROR).setReason("agent lost").build();
        MatrixCell c = Matrix.build(List.of(ok, lost)).getCells(0);
        assertThat(c.getConflict()).isFalse();
        assertThat(c.getOutcome()).isEqualTo("OK");
        assertThat(c.getInfraErrors()).isEqualTo(1);
        assertThat(c.getRunIdsList()).containsExactly(Fixtures.REAL_RUN, "later");
    }

    @Test
    void oneNameWithTwoIdentitiesIsTwoRows() {
        List<CellRecord> all = new ArrayList<>(Fixtures.invented("fixture-win", Fixtures.WIN7, "r1"));
        all.addAll(Fixtures.invented("fixture-win", Fixtures.WIN10, "r2"));
        // the JVM and hostname never change a result: still the same identity
        all.addAll(Fixtures.invented("fixture-win", Fixtures.WIN10.toBuilder().setJvmVersion("other JVM")
                .setHostname("renamed").build(), "r3"));
        MatrixReport m = Matrix.build(all);
        assertThat(m.getRowsList()).extracting(MatrixRow::getRow)
                .containsExactly("fixture-win@6.1.7601.24544", "fixture-win@10.0.19045.3803");
        assertThat(m.getRows(1).getRunIdsList()).containsExactly("r2", "r3");
        assertThat(m.getCellsList()).allSatisfy(c -> assertThat(c.getHost()).isEqualTo("fixture-win"));
    }

    @Test
    void aFailedControlMarksOnlyItsRowAndSurvivesTheScenarioFilter() {
        MatrixReport m = Matrix.build(Fixtures.mixed(), id -> id.startsWith("seed/"));
        assertThat(m.getRowsList()).filteredOn(MatrixRow::getUntrusted).extracting(MatrixRow::getRow)
                .containsExactly("fixture-win7");
        assertThat(m.getColumnsList()).allSatisfy(c -> assertThat(c.getGroup()).isEqualTo("seed"));
        assertThat(m.getCellsList()).filteredOn(c -> c.getRow().equals("fixture-win7"))
                .isNotEmpty().allSatisfy(c -> assertThat(c.getUntrusted()).isTrue());
        assertThat(m.getCellsList()).filteredOn(c -> !c.getRow().equals("fixture-win7"))
                .allSatisfy(c -> assertThat(c.getUntrusted()).isFalse());
    }

    @Test
    void flakyCellKeepsItsMajority() {
        MatrixCell c = cell(Matrix.build(Fixtures.mixed()), "fixture-win10", "seed/ESTABLISHED/REUSEADDR>REUSEADDR");
        assertThat(c.getOutcome()).isEqualTo("OK");
        assertThat(c.getAgreed()).isEqualTo(2);
        assertThat(c.getRepeats()).isEqualTo(3);
        assertThat(c.getFlaky()).isTrue();
        assertThat(c.getConflict()).isFalse(); // one run: disagreement between its repeats is flakiness
    }
}
