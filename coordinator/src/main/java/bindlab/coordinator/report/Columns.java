// Turns the scenario ids found in journals into matrix columns: group and dimensions from the built-in catalog
// (stores keep only ids), "other" for scenarios from user files, in group order and then catalog order.
package bindlab.coordinator.report;

import bindlab.engine.scenario.Catalog;
import bindlab.engine.scenario.Scenario;
import bindlab.proto.v1.MatrixColumn;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class Columns {
    /** The group of scenarios that are not in the catalog, whatever their id looks like. */
    public static final String OTHER = "other";

    private Columns() {
    }

    /**
     * The columns for these ids: catalog groups in catalog order, then "other" sorted by id. Only the scenarios the
     * matrix shows are parsed (Catalog.find).
     */
    public static List<MatrixColumn> of(Collection<String> ids) {
        Map<String, Integer> catalogIndex = Catalog.positions(ids);
        List<MatrixColumn> cols = new ArrayList<>();
        for (String id : ids) {
            Scenario s = catalogIndex.containsKey(id) ? Catalog.find(id) : null;
            cols.add(s == null ? MatrixColumn.newBuilder().setScenarioId(id).setGroup(OTHER).build()
                    : MatrixColumn.newBuilder().setScenarioId(id).setGroup(group(id)).putAllDims(s.dims())
                            .setTitle(s.title()).build());
        }
        Map<String, Integer> groupRank = new LinkedHashMap<>();
        cols.stream().filter(c -> !c.getGroup().equals(OTHER))
                .sorted(Comparator.comparingInt(c -> catalogIndex.get(c.getScenarioId())))
                .forEach(c -> groupRank.putIfAbsent(c.getGroup(), groupRank.size()));
        groupRank.put(OTHER, groupRank.size());
        cols.sort(Comparator.<MatrixColumn>comparingInt(c -> groupRank.get(c.getGroup()))
                .thenComparingInt(c -> catalogIndex.getOrDefault(c.getScenarioId(), Integer.MAX_VALUE))
                .thenComparing(MatrixColumn::getScenarioId));
        return cols;
    }

    /**
     * The leading dimension, read from the id the generator built: what lingers on the port, and for connections
     * their TCP state too ("conn/TIME_WAIT"), since 1400 connection scenarios in one group would not be one.
     */
    static String group(String id) {
        String[] parts = id.split("/");
        if (parts[0].equals("conn") && parts.length > 1) {
            return "conn/" + parts[1];
        }
        return parts[0];
    }

    /** The id without its group prefix: what to print under a group heading. */
    public static String rest(MatrixColumn c) {
        String id = c.getScenarioId();
        String prefix = c.getGroup() + "/";
        return !c.getGroup().equals(OTHER) && id.startsWith(prefix) ? id.substring(prefix.length()) : id;
    }
}
