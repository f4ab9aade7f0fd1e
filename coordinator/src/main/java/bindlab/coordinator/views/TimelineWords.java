// The words both timeline renderers use: column headings, what a cell shows, and the legend, so the Markdown and the
// HTML timeline say the same thing.
package bindlab.coordinator.views;

import bindlab.coordinator.answers.Changes;
import bindlab.coordinator.report.Families;
import bindlab.coordinator.report.Summaries;
import java.util.ArrayList;
import java.util.List;

final class TimelineWords {
    static final String UNTESTED = "·";
    static final String GAP = "?";
    static final String NEXT = "test next";

    static final String LEGEND = "A column per known release, in order; tested hosts replace their release's column"
            + " (one per UBR). " + UNTESTED + " not tested; " + GAP + " not tested, and the change lies in this span;"
            + " \"" + NEXT + "\": bisect's pick among them; in bold, the first tested version after the change (in"
            + " HTML, a red edge marks the change). "
            + Timeline.NO_ANSWER + ": tested, but no usable cell (not run there, flaky, untrusted, not a result).";

    private TimelineWords() {
    }

    /** "7 SP1 / Server 2008 R2 SP1": the release's name without the repeated "Windows". */
    static String shortName(Timeline.Column c) {
        return c.name().replace("Windows ", "");
    }

    /** What column i of a row shows. */
    static String cell(Timeline.Row r, int i) {
        String v = r.cells().get(i);
        if (!v.isEmpty()) {
            return v;
        }
        return i == r.next() ? NEXT : r.inGap(i) ? GAP : UNTESTED;
    }

    /** "lower", "upper" or "" for column i of a row. */
    static String boundary(Timeline.Row r, int i) {
        return i == r.lower() ? "lower" : i == r.upper() ? "upper" : "";
    }

    /** "EADDRINUSE → OK". */
    static String flip(Changes.Finding f) {
        return f.before() + " → " + f.after();
    }

    /** The warnings a timeline carries: fixture hosts among the tested, a Wine family. */
    static List<String> notes(List<Timeline.Family> families) {
        List<String> out = new ArrayList<>();
        if (families.stream().anyMatch(f -> f.family().equals(Families.WINE))) {
            out.add(Families.WINE_NOTE);
        }
        if (families.stream().flatMap(f -> f.columns().stream()).filter(Timeline.Column::isTested)
                .flatMap(c -> c.tested().hosts().stream()).anyMatch(Summaries::isFixture)) {
            out.add(Summaries.FIXTURE_NOTE);
        }
        return out;
    }
}
