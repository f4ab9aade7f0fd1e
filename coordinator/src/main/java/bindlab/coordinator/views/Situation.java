// A lingering situation of the bind tables: every scenario that shares a group and all dimensions but the four axes
// (first and second option, first and second address), laid out by (row heading, column heading).
package bindlab.coordinator.views;

import bindlab.coordinator.answers.ScenarioWords;
import bindlab.proto.v1.MatrixColumn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** key: the group and the other dimensions ("bound family=v4 handle=open lingering=bound user=same"). */
public record Situation(String key, String group, Map<String, String> dims, List<Axis> rows, List<Axis> cols,
        Map<List<Axis>, String> scenarios) {

    /** The dimensions that place a scenario inside a table; all its others name the situation. */
    public static final List<String> AXES = List.of("first", "first_addr", "second", "second_addr");

    /** The situations of these columns in column order, and the column ids placed in none. */
    public record Layout(List<Situation> situations, List<String> unplaced) {
    }

    /** The scenario at (row, col), or null when the catalog has none there. */
    public String scenario(Axis row, Axis col) {
        return scenarios.get(List.of(row, col));
    }

    /** "Over an accepted TIME_WAIT connection (handle closed), IPv4", prefixed "seed: " for the seed experiment. */
    public String title() {
        String words = ScenarioWords.situation(dims);
        String text = Character.toUpperCase(words.charAt(0)) + words.substring(1);
        return group.equals("seed") ? "seed: " + text : text;
    }

    /**
     * Columns whose dimensions name a second socket and its address go into tables; the others (controls,
     * scenarios outside the catalog) and any scenario whose slot another one already took are unplaced.
     */
    public static Layout all(List<MatrixColumn> columns) {
        Map<String, Builder> byKey = new LinkedHashMap<>();
        List<String> unplaced = new ArrayList<>();
        for (MatrixColumn c : columns) {
            Map<String, String> d = c.getDimsMap();
            if (!d.containsKey("second") || !d.containsKey("second_addr")) {
                unplaced.add(c.getScenarioId());
                continue;
            }
            Map<String, String> rest = new TreeMap<>(d);
            AXES.forEach(rest::remove);
            String key = c.getGroup() + " " + String.join(" ", rest.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList());
            Builder b = byKey.computeIfAbsent(key, k -> new Builder(k, c.getGroup(), rest));
            if (!b.add(c.getScenarioId(), d)) {
                unplaced.add(c.getScenarioId());
            }
        }
        return new Layout(byKey.values().stream().map(Builder::build).toList(), unplaced);
    }

    private static final class Builder {
        private final String key;
        private final String group;
        private final Map<String, String> dims;
        private final List<Axis> rows = new ArrayList<>();
        private final List<Axis> cols = new ArrayList<>();
        private final Map<List<Axis>, String> scenarios = new LinkedHashMap<>();

        Builder(String key, String group, Map<String, String> dims) {
            this.key = key;
            this.group = group;
            this.dims = dims;
        }

        boolean add(String id, Map<String, String> d) {
            Axis row = new Axis(d.getOrDefault("first", ""), d.getOrDefault("first_addr", ""));
            Axis col = new Axis(d.get("second"), d.get("second_addr"));
            if (scenarios.putIfAbsent(List.of(row, col), id) != null) {
                return false;
            }
            if (!rows.contains(row)) {
                rows.add(row);
            }
            if (!cols.contains(col)) {
                cols.add(col);
            }
            return true;
        }

        Situation build() {
            rows.sort(Options.ORDER);
            cols.sort(Options.ORDER);
            return new Situation(key, group, Map.copyOf(dims), List.copyOf(rows), List.copyOf(cols), Map.copyOf(scenarios));
        }
    }
}
