// The matrix's cells by row and scenario, with their indices (the HTML page's cell numbers), the columns' dimensions,
// and which option sets a row lacks: what the bind-table views look up.
package bindlab.coordinator.views;

import bindlab.proto.v1.HostIdentity;
import bindlab.proto.v1.MatrixCell;
import bindlab.proto.v1.MatrixColumn;
import bindlab.proto.v1.MatrixReport;
import bindlab.proto.v1.MatrixRow;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

final class Cells {
    private final MatrixReport m;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Map<String, String>> dims = new HashMap<>();

    private Cells(MatrixReport m) {
        this.m = m;
        for (int i = 0; i < m.getCellsCount(); i++) {
            index.put(key(m.getCells(i).getRow(), m.getCells(i).getScenarioId()), i);
        }
        for (MatrixColumn c : m.getColumnsList()) {
            dims.put(c.getScenarioId(), c.getDimsMap());
        }
    }

    static Cells of(MatrixReport m) {
        return new Cells(m);
    }

    /** The cell, or null when the scenario was not run on the row. */
    MatrixCell get(String row, String scenarioId) {
        Integer i = index.get(key(row, scenarioId));
        return i == null ? null : m.getCells(i);
    }

    /** The cell's index in the matrix, or -1. */
    int index(String row, String scenarioId) {
        return index.getOrDefault(key(row, scenarioId), -1);
    }

    Map<String, String> dims(String scenarioId) {
        return dims.getOrDefault(scenarioId, Map.of());
    }

    /** Whether the row has a cell in the situation. */
    boolean any(String row, Situation s) {
        return s.scenarios().values().stream().anyMatch(id -> index.containsKey(key(row, id)));
    }

    HostIdentity identity(String row) {
        return m.getRowsList().stream().filter(r -> r.getRow().equals(row)).map(MatrixRow::getIdentity).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no row " + row));
    }

    /**
     * Option sets the row does not have: every cell of the row that sets one (first or second socket) is
     * NOT_APPLICABLE. Nothing is left out when no option set has another outcome on the row, since then the cells
     * say nothing about options (a lab without the situation's addresses, for one).
     */
    Set<String> lacks(String row) {
        Map<String, Boolean> answered = new HashMap<>();
        for (MatrixCell c : m.getCellsList()) {
            if (!c.getRow().equals(row)) {
                continue;
            }
            Map<String, String> d = dims(c.getScenarioId());
            boolean na = c.getOutcome().equals("NOT_APPLICABLE");
            for (String side : new String[] {"first", "second"}) {
                if (d.containsKey(side)) {
                    answered.merge(d.get(side), !na, Boolean::logicalOr);
                }
            }
        }
        Set<String> out = new LinkedHashSet<>();
        answered.forEach((option, any) -> {
            if (!any) {
                out.add(option);
            }
        });
        return answered.containsValue(true) ? out : Set.of();
    }

    private static String key(String row, String scenarioId) {
        return row + "\u0000" + scenarioId;
    }
}
