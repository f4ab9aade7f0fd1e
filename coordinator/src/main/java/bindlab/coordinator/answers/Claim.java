// A published claim as data: expected outcomes over scenarios, for one OS family and an optional version range,
// with its source; and where it was written, so a verdict can point back at the line.
package bindlab.coordinator.answers;

import bindlab.coordinator.report.Versions;
import bindlab.engine.scenario.Glob;
import java.util.List;

/**
 * minVersion/maxVersion: inclusive, "" = open (see Versions.inRange). note: what the translation to scenarios had to
 * decide, said plainly. origin: "file:line".
 */
public record Claim(String id, String title, String source, String osFamily, String minVersion, String maxVersion,
        String note, List<Expectation> expectations, String origin) {

    /**
     * A scenario id or glob and the outcomes any of which confirms it. "ERROR" stands for any error result (the
     * source says "fails" without a code); "A|B" accepts either.
     */
    public record Expectation(String scenario, List<String> outcomes, String origin) {
        public Glob glob() {
            return Glob.of(scenario, origin);
        }

        public boolean accepts(String observed) {
            String base = observed.startsWith("OTHER_ERROR") ? "OTHER_ERROR" : observed;
            return outcomes.contains(base) || (outcomes.contains("ERROR") && !base.equals("OK"));
        }

        public String expected() {
            return String.join("|", outcomes);
        }
    }

    /** "[5.2, …]", "[…, 5.1]", "all versions". */
    public String range() {
        if (minVersion.isEmpty() && maxVersion.isEmpty()) {
            return "all versions";
        }
        return "[" + (minVersion.isEmpty() ? "…" : minVersion) + ", " + (maxVersion.isEmpty() ? "…" : maxVersion) + "]";
    }
}
