// What a scenario list covers, counted per dimension: how many scenarios take each value of each dimension, so a
// user sees what a run of these scenarios measures (the default and full catalogs' sizes in the README come from here).
package bindlab.coordinator.cli;

import bindlab.engine.scenario.Catalog;
import bindlab.engine.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

final class CatalogSizes {
    /** The dimensions in the order they are printed; any other dimension a file uses follows them. */
    static final List<String> ORDER = List.of("lingering", "state", "handle", "origin", "technique", "first", "second",
            "family", "first_addr", "second_addr", "user");
    private static final int WIDTH = 120;

    private CatalogSizes() {
    }

    /**
     * "N scenario(s) in catalog C" (catalog null: a selection, not a whole catalog), then one line per dimension:
     * its values with their counts, in catalog order, wrapped to 120 columns.
     */
    static String describe(List<Scenario> scenarios, String catalog) {
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        ORDER.forEach(d -> counts.put(d, new LinkedHashMap<>()));
        for (Scenario s : scenarios) {
            s.dims().forEach((k, v) -> counts.computeIfAbsent(k, x -> new LinkedHashMap<>()).merge(v, 1, Integer::sum));
        }
        StringBuilder out = new StringBuilder();
        out.append(scenarios.size()).append(" scenario(s)");
        if (catalog != null) {
            out.append(" in catalog ").append(catalog);
            if (!catalog.equals(Catalog.FULL)) {
                out.append(" (the full catalog has ").append(Catalog.ids(Catalog.FULL).size()).append(")");
            }
        }
        out.append("; by dimension (scenarios with that value; the rest lack the dimension):\n");
        counts.forEach((dim, values) -> {
            if (!values.isEmpty()) {
                out.append(wrap(String.format("  %-12s", dim), values));
            }
        });
        return out.toString();
    }

    private static String wrap(String head, Map<String, Integer> values) {
        List<String> parts = new ArrayList<>();
        values.forEach((v, n) -> parts.add(v + " " + n));
        StringBuilder out = new StringBuilder(head);
        int col = head.length();
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i) + (i < parts.size() - 1 ? "," : "");
            if (col + 1 + p.length() > WIDTH) {
                out.append('\n').append(" ".repeat(head.length()));
                col = head.length();
            }
            out.append(' ').append(p);
            col += 1 + p.length();
        }
        return out.append('\n').toString();
    }
}
