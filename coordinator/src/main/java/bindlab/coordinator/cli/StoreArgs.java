// The store arguments and scenario filter shared by changes, bisect and claims.
package bindlab.coordinator.cli;

import bindlab.coordinator.answers.Glob;
import bindlab.proto.v1.MatrixReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

final class StoreArgs {
    private StoreArgs() {
    }

    /** "all", or comma-separated ids and globs; each must match a scenario in the stores. */
    static Predicate<String> scenarios(String spec, MatrixReport m, List<Path> stores) {
        if (spec.equals("all")) {
            return id -> true;
        }
        List<Glob> globs = new ArrayList<>();
        for (String part : spec.split(",")) {
            Glob g = Glob.of(part.strip());
            if (m.getCellsList().stream().noneMatch(c -> g.matches(c.getScenarioId()))) {
                throw new IllegalArgumentException("no scenario in " + stores + " matches '" + part.strip()
                        + "'; see 'bindlab matrix --store STORE' for the scenarios run there");
            }
            globs.add(g);
        }
        return id -> globs.stream().anyMatch(g -> g.matches(id));
    }
}
