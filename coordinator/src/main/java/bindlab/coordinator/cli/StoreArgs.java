// The store arguments shared by matrix, changes, bisect and claims: the records of the named stores, and the
// --scenarios selection over the ids found there (the same Selection syntax as run and demo).
package bindlab.coordinator.cli;

import bindlab.coordinator.store.Stores;
import bindlab.engine.BadInput;
import bindlab.engine.scenario.Selection;
import bindlab.proto.v1.CellRecord;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

final class StoreArgs {
    private StoreArgs() {
    }

    /** Every record of the stores; BadInput naming the path that is not a store or the corrupt journal line. */
    static List<CellRecord> records(List<Path> stores) {
        if (stores.isEmpty()) {
            throw BadInput.of("STORE", "name at least one STORE: a run directory or a store root");
        }
        return Stores.read(Stores.resolve(stores));
    }

    /** "all", or comma-separated ids and globs; each must match a scenario in the records. */
    static Predicate<String> scenarios(String spec, List<CellRecord> records) {
        Set<String> ids = new LinkedHashSet<>();
        records.forEach(r -> ids.add(r.getScenarioId()));
        return Selection.of(spec, "--scenarios").over(ids, "--scenarios");
    }
}
