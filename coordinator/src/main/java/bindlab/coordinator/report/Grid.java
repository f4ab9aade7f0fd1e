// Looks up a report's cells by row and scenario, and groups its columns, for the renderers.
package bindlab.coordinator.report;

import bindlab.proto.v1.MatrixCell;
import bindlab.proto.v1.MatrixColumn;
import bindlab.proto.v1.MatrixReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

final class Grid {
    private final Map<String, MatrixCell> cells = new HashMap<>();

    private Grid(MatrixReport m) {
        m.getCellsList().forEach(c -> cells.put(key(c.getRow(), c.getScenarioId()), c));
    }

    static Grid of(MatrixReport m) {
        return new Grid(m);
    }

    /** The cell, or null when the scenario was not run on that row. */
    MatrixCell get(String row, String scenario) {
        return cells.get(key(row, scenario));
    }

    /** Columns by group, in report order (groups are contiguous there). */
    static Map<String, List<MatrixColumn>> groups(MatrixReport m) {
        Map<String, List<MatrixColumn>> out = new LinkedHashMap<>();
        m.getColumnsList().forEach(c -> out.computeIfAbsent(c.getGroup(), k -> new ArrayList<>()).add(c));
        return out;
    }

    private static String key(String row, String scenario) {
        return row + "\u0000" + scenario;
    }
}
