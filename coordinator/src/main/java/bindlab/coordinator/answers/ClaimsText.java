// Renders claim verdicts: per host, one line per claim (verdict, id, title), then its source, and the refuting
// cells with what was expected, what was observed and the raw code.
package bindlab.coordinator.answers;

import bindlab.coordinator.report.Families;
import bindlab.coordinator.report.Summaries;
import bindlab.proto.v1.ClaimReport;
import bindlab.proto.v1.ClaimVerdict;
import bindlab.proto.v1.RefutingCell;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class ClaimsText {
    /** Refuting cells printed per claim; the JSON has them all. */
    static final int SHOWN = 8;

    private ClaimsText() {
    }

    /** otherFamilies: show claims about another OS family too (as untested), or only count them. */
    public static String render(List<ClaimCheck.Verdict> verdicts, boolean otherFamilies) {
        Map<String, List<ClaimCheck.Verdict>> byHost = new LinkedHashMap<>();
        verdicts.forEach(v -> byHost.computeIfAbsent(v.host(), h -> new java.util.ArrayList<>()).add(v));
        StringBuilder out = new StringBuilder();
        if (byHost.keySet().stream().anyMatch(Summaries::isFixture)) {
            out.append(Summaries.FIXTURE_NOTE).append('\n');
        }
        if (verdicts.stream().anyMatch(v -> v.family().equals(Families.WINE))) {
            out.append(Families.WINE_NOTE).append('\n');
        }
        byHost.forEach((host, vs) -> {
            ClaimCheck.Verdict first = vs.get(0);
            out.append("claims on ").append(host).append(" (").append(first.family()).append(' ')
                    .append(first.version()).append("):\n");
            long other = vs.stream().filter(v -> !shown(v, otherFamilies)).count();
            for (ClaimCheck.Verdict v : vs) {
                if (!shown(v, otherFamilies)) {
                    continue;
                }
                out.append(String.format("  %-9s %s: %s%n", v.verdict(), v.claim().id(), v.claim().title()));
                out.append("            ").append(v.reason()).append('\n');
                out.append("            source: ").append(v.claim().source()).append('\n');
                v.refuting().stream().limit(SHOWN).forEach(r -> out.append("            ✗ ").append(r.scenarioId())
                        .append(": expected ").append(r.expected()).append(", observed ").append(r.observed())
                        .append(r.rawCode() != 0 ? "(" + r.rawCode() + ")" : "")
                        .append(r.statesBefore().isEmpty() ? "" : " with " + String.join(",", r.statesBefore()) + " on the port")
                        .append('\n'));
                if (v.refuting().size() > SHOWN) {
                    out.append("            … ").append(v.refuting().size() - SHOWN)
                            .append(" more refuting cell(s) (see --format json)\n");
                }
            }
            if (!otherFamilies && other > 0) {
                out.append("  (").append(other).append(" claim(s) about other OS families: untested on this host)\n");
            }
        });
        if (byHost.isEmpty()) {
            out.append("no cells: every claim is untested\n");
        }
        return out.toString();
    }

    /** A claim about the host's family, or (on a Wine host) about Windows, where "untested" must be said. */
    private static boolean shown(ClaimCheck.Verdict v, boolean otherFamilies) {
        return otherFamilies || v.claim().osFamily().equals(v.family())
                || v.family().equals(Families.WINE) && v.claim().osFamily().equals(Families.WINDOWS);
    }

    public static ClaimReport json(List<String> runIds, List<ClaimCheck.Verdict> verdicts) {
        ClaimReport.Builder out = ClaimReport.newBuilder().addAllRunIds(runIds);
        for (ClaimCheck.Verdict v : verdicts) {
            ClaimVerdict.Builder b = ClaimVerdict.newBuilder().setClaimId(v.claim().id()).setTitle(v.claim().title())
                    .setSource(v.claim().source()).setHost(v.host()).setOsFamily(v.family()).setVersion(v.version())
                    .setVerdict(v.verdict()).setReason(v.reason()).setCellsChecked(v.checked())
                    .setCellsLeftOut(v.leftOut().values().stream().mapToInt(Integer::intValue).sum());
            v.refuting().forEach(r -> b.addRefuting(RefutingCell.newBuilder().setScenarioId(r.scenarioId())
                    .setExpected(r.expected()).setObserved(r.observed()).setErrorName(r.errorName())
                    .setRawCode(r.rawCode()).addAllStatesBefore(r.statesBefore())));
            out.addVerdicts(b);
        }
        return out.build();
    }
}
