// Builds the matrix from journal records: a pure function. Repeats of one scenario on one host merge into a cell
// holding the majority outcome and how many agreed; infrastructure failures are counted but never a result.
package bindlab.coordinator.report;

import bindlab.coordinator.run.Outcomes;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.MatrixCell;
import bindlab.proto.v1.MatrixReport;
import bindlab.proto.v1.Outcome;
import bindlab.proto.v1.TcpRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class Matrix {
    private Matrix() {
    }

    public static MatrixReport build(List<CellRecord> records) {
        Map<String, List<CellRecord>> byCell = new LinkedHashMap<>();
        List<String> runs = new ArrayList<>();
        for (CellRecord r : records) {
            byCell.computeIfAbsent(r.getTargetHost() + "\u0000" + r.getScenarioId(), k -> new ArrayList<>()).add(r);
            if (!runs.contains(r.getRunId())) {
                runs.add(r.getRunId());
            }
        }
        java.util.Set<String> untrusted = untrustedHosts(records);
        List<MatrixCell> cells = new ArrayList<>();
        for (List<CellRecord> group : byCell.values()) {
            MatrixCell c = cell(group);
            cells.add(untrusted.contains(c.getHost()) ? c.toBuilder().setUntrusted(true).build() : c);
        }
        cells.sort(Comparator.comparing(MatrixCell::getIdentity, HostOrder.IDENTITY).thenComparing(MatrixCell::getHost));
        return MatrixReport.newBuilder().addAllRunIds(runs).addAllCells(cells).build();
    }

    /** Hosts where a control gave another outcome than it must (infrastructure failures aside). */
    public static java.util.Set<String> untrustedHosts(List<CellRecord> records) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (CellRecord r : records) {
            if (r.getControl() && r.getOutcome() != Outcome.INFRA_ERROR
                    && !Outcomes.label(r.getOutcome()).equals(r.getControlExpected())) {
                out.add(r.getTargetHost());
            }
        }
        return out;
    }

    static MatrixCell cell(List<CellRecord> group) {
        List<CellRecord> counted = group.stream().filter(r -> r.getOutcome() != Outcome.INFRA_ERROR).toList();
        int infra = group.size() - counted.size();
        if (counted.isEmpty()) {
            counted = group;
        }
        Map<Outcome, List<CellRecord>> byOutcome = new LinkedHashMap<>();
        for (CellRecord r : counted) {
            byOutcome.computeIfAbsent(r.getOutcome(), k -> new ArrayList<>()).add(r);
        }
        List<CellRecord> majority = byOutcome.values().stream().max(Comparator.comparingInt(List::size)).orElseThrow();
        CellRecord first = majority.get(0);
        return MatrixCell.newBuilder()
                .setHost(first.getTargetHost())
                .setIdentity(first.getTargetIdentity())
                .setScenarioId(first.getScenarioId())
                .setOutcome(Outcomes.label(first.getOutcome()))
                .setErrorName(first.getErrorName())
                .setRawCode(first.getRawCode())
                .setFailedCall(first.getFailedCall())
                .setIntendedState(first.getIntendedState())
                .addAllStatesBefore(states(majority, true))
                .addAllStatesAfter(states(majority, false))
                .setRepeats(counted.size())
                .setAgreed(majority.size())
                .setFlaky(majority.size() < counted.size())
                .setInfraErrors(first.getOutcome() == Outcome.INFRA_ERROR ? 0 : infra)
                .setReason(first.getReason())
                .addAllOptions(first.getOptionsList())
                .build();
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
