// The version timeline of `changes`, read the way caniuse and browser-compat-data are: per OS family a row per
// finding, a column per known release in order (the Windows release table; elsewhere the tested versions only), each
// cell the measured outcome, untested releases left blank, the boundary where the outcome flips and bisect's pick.
package bindlab.coordinator.views;

import bindlab.coordinator.answers.Bisect;
import bindlab.coordinator.answers.Changes;
import bindlab.coordinator.answers.Identity;
import bindlab.coordinator.fleet.FleetHost;
import bindlab.coordinator.report.Families;
import bindlab.coordinator.report.HostOrder;
import bindlab.coordinator.report.Versions;
import bindlab.winver.WindowsRelease;
import bindlab.winver.WindowsReleases;
import bindlab.winver.WindowsVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

public final class Timeline {
    /** A tested identity without a usable cell for a finding's scenarios (not run, flaky, untrusted, not a result). */
    public static final String NO_ANSWER = "no answer";

    private Timeline() {
    }

    /** A column: a known release that was not tested (tested null), or a tested identity and its release, if known. */
    public record Column(String version, String name, WindowsRelease release, Identity tested) {
        public boolean isTested() {
            return tested != null;
        }
    }

    /**
     * A finding's row: per column its outcome ("" untested; several outcomes joined by "/" where the finding's
     * scenarios differ there). lower/upper: the columns of the two tested identities the outcome flips between.
     * next: bisect's pick, a column between them, or -1. bisect: what bisect says, in words.
     */
    public record Row(Changes.Finding finding, List<String> cells, int lower, int upper, int next, String bisect) {
        /** Whether column i lies strictly between the boundary's two tested identities: where the change happened. */
        public boolean inGap(int i) {
            return i > lower && i < upper;
        }
    }

    /** One family's timeline; releaseTable: whether its columns come from a table of releases or only the tests. */
    public record Family(String family, List<Column> columns, List<Row> rows, boolean releaseTable) {
    }

    /** inventory: hosts by name, so bisect prefers a release the fleet can run (empty: the middle one). */
    public static List<Family> of(Changes.Report r, Map<String, FleetHost> inventory) {
        List<Family> out = new ArrayList<>();
        r.identities().forEach((family, ids) -> {
            boolean table = family.equals(Families.WINDOWS); // Wine is its own family, with no release table
            List<Column> columns = table ? windowsColumns(ids) : tested(ids);
            List<Row> rows = r.findings().stream().filter(f -> f.family().equals(family))
                    .map(f -> row(r, f, columns, inventory)).toList();
            out.add(new Family(family, columns, rows, table));
        });
        return out;
    }

    /** Every known release in order, a release that was tested replaced by its tested identities (one per UBR). */
    static List<Column> windowsColumns(List<Identity> ids) {
        List<Column> out = new ArrayList<>();
        List<Identity> unknown = new ArrayList<>(ids);
        for (WindowsRelease release : WindowsReleases.all()) {
            List<Identity> there = ids.stream().filter(id -> {
                WindowsVersion v = Versions.windowsVersion(id.identity());
                return v != null && v.build() == release.build();
            }).toList();
            unknown.removeAll(there);
            if (there.isEmpty()) {
                out.add(new Column(release.version().toString(), release.name(), release, null));
            }
            there.forEach(id -> out.add(new Column(id.version(), release.name(), release, id)));
        }
        unknown.forEach(id -> out.add(new Column(id.version(), id.name(), null, id)));
        out.sort(Comparator.comparing(Timeline::versionOf, Comparator.nullsLast(Comparator.naturalOrder())));
        return out;
    }

    /** A version's place among releases: a tested identity's Windows version, a release's own; null sorts last. */
    private static WindowsVersion versionOf(Column c) {
        return c.isTested() ? Versions.windowsVersion(c.tested().identity()) : c.release().version();
    }

    private static List<Column> tested(List<Identity> ids) {
        List<Identity> sorted = new ArrayList<>(ids);
        sorted.sort(Comparator.comparing(Identity::identity, HostOrder.IDENTITY));
        return sorted.stream().map(id -> new Column(id.version(), id.name(), null, id)).toList();
    }

    private static Row row(Changes.Report r, Changes.Finding f, List<Column> columns, Map<String, FleetHost> inventory) {
        List<String> cells = new ArrayList<>();
        int lower = -1;
        int upper = -1;
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            cells.add(c.isTested() ? outcome(r, f, c.tested()) : "");
            lower = c.isTested() && c.tested().key().equals(f.lower().key()) ? i : lower;
            upper = c.isTested() && c.tested().key().equals(f.upper().key()) ? i : upper;
        }
        Bisect.Result b = Bisect.of(boundary(r, f), inventory);
        int next = -1;
        if (b.sameBuild() == null && b.next() != null) {
            for (int i = lower + 1; i < upper && next < 0; i++) {
                Column c = columns.get(i);
                next = c.release() != null && c.release().build() == b.next().release().build() ? i : -1;
            }
        }
        return new Row(f, cells, lower, upper, next, bisectWords(b, f));
    }

    /** The finding's scenarios' outcomes on one tested identity: one, several joined by "/", or NO_ANSWER. */
    static String outcome(Changes.Report r, Changes.Finding f, Identity id) {
        Set<String> seen = new LinkedHashSet<>();
        for (String scenario : f.scenarioIds()) {
            r.timelines().getOrDefault(scenario, Map.of()).getOrDefault(f.family(), List.of()).stream()
                    .filter(p -> p.identity().key().equals(id.key())).forEach(p -> seen.add(p.observed()));
        }
        return seen.isEmpty() ? NO_ANSWER : String.join("/", seen);
    }

    /** The boundary behind a finding (its first scenario's), for bisect. */
    private static Changes.Boundary boundary(Changes.Report r, Changes.Finding f) {
        return r.boundaries().stream().filter(b -> b.family().equals(f.family())
                && b.scenarioId().equals(f.scenarioIds().get(0)) && b.lower().identity().key().equals(f.lower().key())
                && b.upper().identity().key().equals(f.upper().key())).findFirst().orElseThrow();
    }

    private static String bisectWords(Bisect.Result b, Changes.Finding f) {
        if (!f.family().equals(Families.WINDOWS)) {
            return "no release table for " + f.family() + ": versions between " + f.lower().version() + " and "
                    + f.upper().version() + " were not tested";
        }
        if (b.sameBuild() != null) {
            return "within one release, between " + b.sameBuild() + ": a patch changed it";
        }
        if (b.next() == null) {
            return "no known release between them: it changed with " + f.upper().name() + " (or a patch of "
                    + f.lower().name() + ")";
        }
        return b.between().size() + " known release(s) between, not tested; bisect: test " + b.next().release().version()
                + " (" + b.next().release().name() + ")" + (b.next().inventoryHosts().isEmpty() ? ""
                        : " on " + b.next().inventoryHosts().get(0));
    }
}
