// Renders bisect results as text: the boundary, the untested releases between its ends (marked when the inventory
// has them), and what to test next.
package bindlab.coordinator.answers;

import bindlab.coordinator.report.Families;
import bindlab.coordinator.report.Summaries;
import java.util.List;

public final class BisectText {
    private BisectText() {
    }

    public static String render(String scenarioId, List<Bisect.Result> results, boolean haveInventory) {
        StringBuilder out = new StringBuilder();
        if (results.stream().flatMap(r -> java.util.stream.Stream.of(r.boundary().lower(), r.boundary().upper()))
                .flatMap(p -> p.identity().hosts().stream()).anyMatch(Summaries::isFixture)) {
            out.append(Summaries.FIXTURE_NOTE).append('\n');
        }
        out.append(scenarioId).append('\n')
                .append("  ").append(ScenarioWords.describe(scenarioId)).append('\n');
        for (Bisect.Result r : results) {
            Changes.Boundary b = r.boundary();
            out.append(b.family()).append(": ").append(b.lower().observed()).append(" up to ")
                    .append(b.lower().identity().describe()).append(", ").append(b.upper().observed()).append(" from ")
                    .append(b.upper().identity().describe()).append('\n');
            if (b.family().equals(Families.WINE)) {
                out.append("  ").append(Families.WINE_NOTE.substring("note: ".length())).append(": no Windows release"
                        + " lies between Wine versions\n");
                continue;
            }
            if (!b.family().equals("windows")) {
                out.append("  no release table for ").append(b.family()).append(": versions between ")
                        .append(b.lower().identity().version()).append(" and ").append(b.upper().identity().version())
                        .append(" were not tested\n");
                continue;
            }
            if (r.sameBuild() != null) {
                out.append("  within one release (").append(b.lower().identity().name()).append(") between ")
                        .append(r.sameBuild()).append(": a patch changed it\n");
                r.between().forEach(c -> out.append("  inventory hosts with a UBR in between: ")
                        .append(String.join(", ", c.inventoryHosts())).append('\n'));
                continue;
            }
            if (r.between().isEmpty()) {
                out.append("  no known release between them: the change came with ").append(b.upper().identity().name())
                        .append(" (or with a patch of ").append(b.lower().identity().name()).append(" not tested)\n");
            } else {
                out.append("  ").append(r.between().size()).append(" known release(s) between them, not tested:\n");
                for (Bisect.Candidate c : r.between()) {
                    out.append(String.format("    %-12s %-50s %s%n", c.release().version(), c.release().name(),
                            !haveInventory ? "" : c.inventoryHosts().isEmpty() ? "not in inventory"
                                    : "in inventory: " + String.join(", ", c.inventoryHosts())));
                }
            }
            r.unknownBuilds().forEach(h -> out.append("    inventory host ").append(h.name()).append(" runs build ")
                    .append(h.build()).append(", not in the release table\n"));
            if (r.next() != null) {
                out.append("  test next: ").append(r.next().release().version()).append(" (")
                        .append(r.next().release().name()).append(')')
                        .append(r.next().inventoryHosts().isEmpty() ? haveInventory ? ": no inventory host runs it" : ""
                                : " on " + r.next().inventoryHosts().get(0)).append('\n');
            }
        }
        return out.toString();
    }
}
