// Builds the matrix from journal records: a pure function. Repeats of one scenario on one host merge into a cell
// holding the majority outcome and how many agreed; infrastructure failures are counted but never a result.
// Records from several runs (stores) merge the same way, except that runs whose own majorities differ are listed
// as a conflict instead of being outvoted.
package bindlab.coordinator.report;

import bindlab.engine.Outcomes;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.MatrixCell;
import bindlab.proto.v1.MatrixColumn;
import bindlab.proto.v1.MatrixReport;
import bindlab.proto.v1.Outcome;
import bindlab.proto.v1.RecordRef;
import bindlab.proto.v1.RunVerdict;
import bindlab.proto.v1.TcpRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

public final class Matrix {
    private Matrix() {
    }

    public static MatrixReport build(List<CellRecord> records) {
        return build(records, id -> true);
    }

    /** Only the scenarios the filter accepts become columns; controls still decide which hosts are untrusted. */
    public static MatrixReport build(List<CellRecord> records, Predicate<String> scenarios) {
        HostRows rows = HostRows.of(records);
        Set<String> untrusted = new TreeSet<>();
        Map<String, List<CellRecord>> byCell = new LinkedHashMap<>();
        List<String> runs = new ArrayList<>();
        for (CellRecord r : records) {
            if (failedControl(r)) {
                untrusted.add(rows.label(r));
            }
            if (!runs.contains(r.getRunId())) {
                runs.add(r.getRunId());
            }
            if (scenarios.test(r.getScenarioId())) {
                byCell.computeIfAbsent(rows.label(r) + "\u0000" + r.getScenarioId(), k -> new ArrayList<>()).add(r);
            }
        }
        List<MatrixColumn> cols = Columns.of(byCell.values().stream().map(g -> g.get(0).getScenarioId())
                .distinct().toList());
        Map<String, Integer> colRank = new HashMap<>();
        cols.forEach(c -> colRank.put(c.getScenarioId(), colRank.size()));
        Map<String, Integer> rowRank = new HashMap<>();
        rows.labels().forEach(l -> rowRank.put(l, rowRank.size()));
        List<MatrixCell> cells = new ArrayList<>();
        for (List<CellRecord> group : byCell.values()) {
            String row = rows.label(group.get(0));
            cells.add(cell(group).toBuilder().setRow(row).setUntrusted(untrusted.contains(row)).build());
        }
        cells.sort(Comparator.<MatrixCell>comparingInt(c -> rowRank.get(c.getRow()))
                .thenComparingInt(c -> colRank.get(c.getScenarioId())));
        return MatrixReport.newBuilder().addAllRunIds(runs).addAllCells(cells).addAllRows(rows.rows(untrusted))
                .addAllColumns(cols).build();
    }

    /** Hosts where a control gave another outcome than it must (infrastructure failures aside). */
    public static Set<String> untrustedHosts(List<CellRecord> records) {
        Set<String> out = new TreeSet<>();
        records.stream().filter(Matrix::failedControl).forEach(r -> out.add(r.getTargetHost()));
        return out;
    }

    private static boolean failedControl(CellRecord r) {
        return r.getControl() && r.getOutcome() != Outcome.INFRA_ERROR
                && !Outcomes.label(r.getOutcome()).equals(r.getControlExpected());
    }

    /** All records of one scenario on one row, from any number of runs. */
    static MatrixCell cell(List<CellRecord> group) {
        Majority all = Majority.of(group);
        CellRecord first = all.winners().get(0);
        MatrixCell.Builder b = MatrixCell.newBuilder()
                .setHost(first.getTargetHost())
                .setIdentity(first.getTargetIdentity())
                .setScenarioId(first.getScenarioId())
                .setOutcome(Outcomes.label(first.getOutcome()))
                .setErrorName(first.getErrorName())
                .setRawCode(first.getRawCode())
                .setFailedCall(first.getFailedCall())
                .setResult(Outcomes.result(Outcomes.label(first.getOutcome()), first.getFailedCall(), first.getRawCode()))
                .setIntendedState(first.getIntendedState())
                .addAllStatesBefore(states(all.winners(), true))
                .addAllStatesAfter(states(all.winners(), false))
                .setRepeats(all.counted())
                .setAgreed(all.winners().size())
                .setFlaky(all.winners().size() < all.counted())
                .setInfraErrors(first.getOutcome() == Outcome.INFRA_ERROR ? 0 : all.infra())
                .setReason(first.getReason())
                .addAllOptions(first.getOptionsList());
        Map<String, List<CellRecord>> byRun = new LinkedHashMap<>();
        group.forEach(r -> byRun.computeIfAbsent(r.getRunId(), k -> new ArrayList<>()).add(r));
        List<RunVerdict> verdicts = new ArrayList<>();
        for (List<CellRecord> run : byRun.values()) {
            Majority m = Majority.of(run);
            CellRecord w = m.winners().get(0);
            b.addRunIds(w.getRunId());
            b.addEvidence(RecordRef.newBuilder().setRunId(w.getRunId()).setRepeat(w.getRepeat()).setAttempt(w.getAttempt()));
            verdicts.add(RunVerdict.newBuilder().setRunId(w.getRunId()).setOutcome(key(w))
                    .setErrorName(w.getErrorName()).setRawCode(w.getRawCode()).setRepeats(m.counted())
                    .setAgreed(m.winners().size()).build());
        }
        // A run that lost every attempt to infrastructure says nothing about the host, so it cannot disagree.
        boolean conflict = verdicts.stream().map(RunVerdict::getOutcome).filter(o -> !o.equals("INFRA_ERROR"))
                .distinct().count() > 1;
        if (conflict) {
            b.setConflict(true).addAllConflicts(verdicts);
        }
        return b.build();
    }

    /** What repeats must share to agree: the outcome and, for an error, the call that gave it ("bind:EADDRINUSE"). */
    static String key(CellRecord r) {
        return Outcomes.result(Outcomes.label(r.getOutcome()), r.getFailedCall());
    }

    /**
     * The counted repeats (INFRA_ERROR aside, unless that is all there is) and the largest group with the same
     * result: a bind that fails and a listen that fails with the same code are different results.
     */
    record Majority(int counted, List<CellRecord> winners, int infra) {
        static Majority of(List<CellRecord> group) {
            List<CellRecord> counted = group.stream().filter(r -> r.getOutcome() != Outcome.INFRA_ERROR).toList();
            int infra = group.size() - counted.size();
            if (counted.isEmpty()) {
                counted = group;
            }
            Map<String, List<CellRecord>> byOutcome = new LinkedHashMap<>();
            for (CellRecord r : counted) {
                byOutcome.computeIfAbsent(key(r), k -> new ArrayList<>()).add(r);
            }
            List<CellRecord> winners = byOutcome.values().stream().max(Comparator.comparingInt(List::size)).orElseThrow();
            return new Majority(counted.size(), winners, infra);
        }
    }

    /** Distinct states of the target's rows on the cell's port, across the majority's repeats. */
    private static List<String> states(List<CellRecord> records, boolean before) {
        List<String> out = new ArrayList<>();
        for (CellRecord r : records) {
            for (TcpRow row : before ? r.getRowsBeforeList() : r.getRowsAfterList()) {
                String s = row.getState().name();
                if (row.getLocal().getPort() == r.getPort() && !out.contains(s)) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
