// Turns the scenario ids found in journals into matrix columns: group and dimensions from the built-in catalog
// (stores keep only ids), "other" for scenarios from user files, in group order and then catalog order.
package bindlab.coordinator.report;

import bindlab.engine.scenario.Catalog;
import bindlab.engine.scenario.Scenario;
import bindlab.proto.v1.MatrixColumn;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

public final class Columns {
    /** The group of scenarios that are not in the catalog, whatever their id looks like. */
    public static final String OTHER = "other";

    private final Function<String, Scenario> lookup;
    private final Map<String, Integer> catalogIndex;

    /** lookup: a scenario by id, or null; catalogOrder: the ids in the order columns should follow. */
    public Columns(Function<String, Scenario> lookup, List<String> catalogOrder) {
        this.lookup = lookup;
        this.catalogIndex = new HashMap<>();
        catalogOrder.forEach(id -> catalogIndex.putIfAbsent(id, catalogIndex.size()));
    }

    /** Columns from the built-in catalog (parsed once per JVM, by Catalog). */
    public static Columns builtIn() {
        Map<String, Scenario> byId = Catalog.byId();
        return new Columns(byId::get, new ArrayList<>(byId.keySet()));
    }

    /** The columns for these ids: catalog groups in catalog order, then "other" sorted by id. */
    public List<MatrixColumn> of(Collection<String> ids) {
        List<MatrixColumn> cols = new ArrayList<>();
        for (String id : ids) {
            cols.add(column(id));
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

    MatrixColumn column(String id) {
        Scenario s = catalogIndex.containsKey(id) ? lookup.apply(id) : null;
        if (s == null) {
            return MatrixColumn.newBuilder().setScenarioId(id).setGroup(OTHER).build();
        }
        return MatrixColumn.newBuilder().setScenarioId(id).setGroup(group(id)).putAllDims(s.dims())
                .setTitle(s.title()).build();
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
