// Renders changes as text: per OS family its tested identities, then each finding with its range, the sentence to
// paste and its scenarios; then what was left out, counted by reason.
package bindlab.coordinator.answers;

import bindlab.coordinator.report.Families;
import bindlab.coordinator.report.Summaries;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

public final class ChangesText {
    private ChangesText() {
    }

    public static String render(Changes.Report r) {
        StringBuilder out = new StringBuilder();
        if (r.identities().values().stream().flatMap(List::stream).flatMap(id -> id.hosts().stream())
                .anyMatch(Summaries::isFixture)) {
            out.append(Summaries.FIXTURE_NOTE).append('\n');
        }
        if (r.identities().containsKey(Families.WINE)) {
            out.append(Families.WINE_NOTE).append('\n');
        }
        if (r.identities().isEmpty()) {
            out.append("no cells: nothing to compare\n");
        }
        r.identities().forEach((family, ids) -> {
            out.append(family).append(": ").append(ids.size()).append(ids.size() == 1 ? " identity: " : " identities: ")
                    .append(ids.stream().map(ChangesText::identity).collect(Collectors.joining(", "))).append('\n');
            List<Changes.Finding> findings = r.findings().stream().filter(f -> f.family().equals(family)).toList();
            if (findings.isEmpty()) {
                out.append(ids.size() == 1 ? "  no changes: one identity, nothing to compare it with\n"
                        : "  no changes: every scenario has one outcome across these identities\n");
            }
            for (Changes.Finding f : findings) {
                out.append("  ").append(f.range()).append(" (").append(f.lower().name()).append(" → ")
                        .append(f.upper().name()).append(")\n");
                out.append("    ").append(f.sentence()).append('\n');
                f.scenarioIds().forEach(id -> out.append("      ").append(id).append('\n'));
            }
        });
        out.append(leftOut(r.leftOut())).append('\n');
        return out.toString();
    }

    /** "6.1.7601 [fixture-win7]". */
    private static String identity(Identity id) {
        return id.version() + " [" + String.join(",", id.hosts()) + "]";
    }

    /** "left out: 3 cells (NOT_APPLICABLE 2, flaky 1)" or "left out: none". */
    public static String leftOut(Map<String, Integer> leftOut) {
        int total = leftOut.values().stream().mapToInt(Integer::intValue).sum();
        if (total == 0) {
            return "left out: none";
        }
        return "left out: " + total + (total == 1 ? " cell (" : " cells (") + leftOut.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")";
    }
}
