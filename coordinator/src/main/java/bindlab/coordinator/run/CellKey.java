// Identifies one cell of a campaign: a scenario's n-th repeat on one target.
package bindlab.coordinator.run;

import bindlab.proto.v1.CellRecord;

public record CellKey(String target, String scenario, int repeat) {
    public static CellKey of(CellRecord r) {
        return new CellKey(r.getTargetHost(), r.getScenarioId(), r.getRepeat());
    }
}
