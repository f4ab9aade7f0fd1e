// The browser-compat-data-like export of changes: per scenario and OS family, the version ranges of each outcome.
package bindlab.coordinator.answers;

import bindlab.proto.v1.CompatFinding;
import bindlab.proto.v1.CompatIdentity;
import bindlab.proto.v1.CompatReport;
import bindlab.proto.v1.FamilyCompat;
import bindlab.proto.v1.OutcomeRange;
import bindlab.proto.v1.ScenarioCompat;
import java.util.List;

public final class CompatJson {
    private CompatJson() {
    }

    public static CompatReport build(Changes.Report r) {
        CompatReport.Builder out = CompatReport.newBuilder().addAllRunIds(r.runIds()).putAllLeftOut(
                r.leftOut().entrySet().stream().collect(java.util.stream.Collectors.toMap(
                        java.util.Map.Entry::getKey, e -> e.getValue().intValue())));
        r.identities().values().forEach(ids -> ids.forEach(id -> out.addIdentities(CompatIdentity.newBuilder()
                .setOsFamily(id.family()).setVersion(id.version()).setName(id.name()).addAllHosts(id.hosts()))));
        r.timelines().forEach((scenario, perFamily) -> {
            ScenarioCompat.Builder s = ScenarioCompat.newBuilder().setDescription(ScenarioWords.describe(scenario));
            perFamily.forEach((family, points) -> s.putSupport(family, FamilyCompat.newBuilder()
                    .addAllRanges(ranges(points)).build()));
            out.putScenarios(scenario, s.build());
        });
        for (Changes.Finding f : r.findings()) {
            out.addFindings(CompatFinding.newBuilder().setOsFamily(f.family()).setAfterVersion(f.lower().version())
                    .setAtOrBeforeVersion(f.upper().version()).setOutcomeBefore(f.before()).setOutcomeAfter(f.after())
                    .setSentence(f.sentence()).addAllScenarioIds(f.scenarioIds()));
        }
        return out.build();
    }

    /** Consecutive points with one outcome become one range; both ends are "at or before" a tested version. */
    static List<OutcomeRange> ranges(List<Changes.Point> points) {
        List<OutcomeRange.Builder> out = new java.util.ArrayList<>();
        String changedAfter = "";
        for (int i = 0; i < points.size(); i++) {
            Changes.Point p = points.get(i);
            OutcomeRange.Builder last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.getOutcome().equals(p.observed())) {
                last.setLastTested(p.identity().version()).addVersions(p.identity().version());
                continue;
            }
            if (last != null) {
                last.setVersionRemoved("≤" + p.identity().version());
                changedAfter = last.getLastTested();
            }
            out.add(OutcomeRange.newBuilder().setOutcome(p.observed()).setErrorName(p.errorName())
                    .setRawCode(p.rawCode()).setVersionAdded("≤" + p.identity().version())
                    .setFirstTested(p.identity().version()).setLastTested(p.identity().version())
                    .setChangedAfter(changedAfter).addVersions(p.identity().version()));
        }
        return out.stream().map(OutcomeRange.Builder::build).toList();
    }
}
