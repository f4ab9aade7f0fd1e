// Identifies one cell of a campaign: a scenario's n-th repeat on one target.
package bindlab.engine.run;

import bindlab.proto.v1.CellRecord;

public final class CellKey {
    private final String target;
    private final String scenario;
    private final int repeat;

    public CellKey(String target, String scenario, int repeat) {
        this.target = target;
        this.scenario = scenario;
        this.repeat = repeat;
    }

    public static CellKey of(CellRecord r) {
        return new CellKey(r.getTargetHost(), r.getScenarioId(), r.getRepeat());
    }

    public String target() {
        return target;
    }

    public String scenario() {
        return scenario;
    }

    public int repeat() {
        return repeat;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CellKey)) {
            return false;
        }
        CellKey k = (CellKey) o;
        return target.equals(k.target) && scenario.equals(k.scenario) && repeat == k.repeat;
    }

    @Override
    public int hashCode() {
        return (target.hashCode() * 31 + scenario.hashCode()) * 31 + repeat;
    }

    @Override
    public String toString() {
        return target + ":" + scenario + "#" + repeat;
    }
}
