// Reads one or more stores (run directories or store roots) into one list of journal records.
package bindlab.coordinator.answers;

import bindlab.coordinator.store.Journal;
import bindlab.coordinator.store.Store;
import bindlab.proto.v1.CellRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

public final class Stores {
    private Stores() {
    }

    public static List<CellRecord> read(List<Path> stores) throws IOException {
        List<CellRecord> out = new ArrayList<>();
        for (Path p : stores) {
            out.addAll(Journal.read(Store.resolveRun(p)));
        }
        return out;
    }
}
