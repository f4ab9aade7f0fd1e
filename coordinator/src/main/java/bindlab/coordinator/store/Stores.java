// Reads the journals of several stores for one report. Each STORE is a run directory or a store root (its latest
// run); a run named twice, or copied to a second place, is read once.
package bindlab.coordinator.store;

import bindlab.engine.store.Journal;
import bindlab.engine.store.RunStore;
import bindlab.proto.v1.CellRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

public final class Stores {
    private Stores() {
    }

    /** The run directories, by real path, without repeats; BadInput naming the first path that is not a store. */
    public static List<Path> resolve(List<Path> stores) {
        Set<Path> runs = new LinkedHashSet<>();
        for (Path p : stores) {
            runs.add(RunStore.resolveRun(p));
        }
        return new ArrayList<>(runs);
    }

    /** Every record of every run, in order; identical records (the same run copied) count once. */
    public static List<CellRecord> read(List<Path> runDirs) {
        Set<CellRecord> records = new LinkedHashSet<>();
        for (Path run : runDirs) {
            records.addAll(Journal.read(run));
        }
        return new ArrayList<>(records);
    }
}
