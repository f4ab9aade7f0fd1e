// The order bind tables list socket options and addresses in (Microsoft's: default, SO_REUSEADDR,
// SO_EXCLUSIVEADDRUSE; then the catalog's others; wildcard before specific), and which options a host lacks.
package bindlab.coordinator.views;

import bindlab.engine.scenario.CatalogGenerator;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

final class Options {
    /** Addresses in table order; values the catalog may add later sort after these, by name. */
    static final List<String> ADDRESSES = List.of("wild", "wildcard", "spec", "specific");

    /** Headings in table order: option (catalog order, unknown ones after, by name), then address. */
    static final Comparator<Axis> ORDER = Comparator
            .<Axis, Integer>comparing(a -> rank(CatalogGenerator.OPTIONS, a.option()))
            .thenComparing(Axis::option)
            .thenComparing(a -> rank(ADDRESSES, a.address()))
            .thenComparing(Axis::address);

    private Options() {
    }

    private static int rank(List<String> order, String v) {
        int i = order.indexOf(v);
        return i < 0 ? order.size() : i;
    }

    /** Whether the scenario's first or second option is one of these. */
    static boolean involves(Map<String, String> dims, Set<String> options) {
        return options.contains(dims.getOrDefault("first", "")) || options.contains(dims.getOrDefault("second", ""));
    }
}
