// Bisect: for a boundary between two tested Windows identities, the known releases strictly between them that were
// not tested, which of them the inventory has, and which to test next; or, when both sides are one build, that a
// patch (UBR) changed the outcome.
package bindlab.coordinator.answers;

import bindlab.coordinator.report.Families;
import bindlab.coordinator.report.Versions;
import bindlab.coordinator.fleet.FleetHost;
import bindlab.winver.WindowsRelease;
import bindlab.winver.WindowsReleases;
import bindlab.winver.WindowsVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

public final class Bisect {
    private Bisect() {
    }

    /** An untested release between the boundary's ends, with the inventory hosts that run its build. */
    public record Candidate(WindowsRelease release, List<String> inventoryHosts) {
    }

    /**
     * between: known releases strictly between the two builds. unknownBuilds: inventory hosts whose build lies between
     * but is not in the table. sameBuild: "UBR a and b" when both ends are one build, else null. next: what to
     * test next (the middle, preferring a release the inventory has), or null.
     */
    public record Result(Changes.Boundary boundary, List<Candidate> between, List<FleetHost> unknownBuilds,
            String sameBuild, Candidate next) {
    }

    public static Result of(Changes.Boundary b, Map<String, FleetHost> inventory) {
        WindowsVersion lo = Versions.windowsVersion(b.lower().identity().identity());
        WindowsVersion hi = Versions.windowsVersion(b.upper().identity().identity());
        if (!b.family().equals(Families.WINDOWS) || lo == null || hi == null) { // Wine is its own family
            return new Result(b, List.of(), List.of(), null, null);
        }
        if (lo.build() == hi.build()) {
            List<Candidate> patched = new ArrayList<>();
            List<String> hosts = inventory.values().stream().filter(h -> h.build() == lo.build() && h.ubr() > lo.ubr()
                    && h.ubr() < hi.ubr()).map(FleetHost::name).toList();
            WindowsRelease r = WindowsReleases.forBuild(lo.build());
            if (r != null && !hosts.isEmpty()) {
                patched.add(new Candidate(r, hosts));
            }
            return new Result(b, patched, List.of(), "UBR " + lo.ubr() + " and " + hi.ubr(), patched.isEmpty() ? null : patched.get(0));
        }
        List<Candidate> between = new ArrayList<>();
        for (WindowsRelease r : WindowsReleases.all()) {
            if (r.build() > lo.build() && r.build() < hi.build()) {
                between.add(new Candidate(r, inventory.values().stream().filter(h -> h.build() == r.build())
                        .map(FleetHost::name).toList()));
            }
        }
        List<FleetHost> unknown = inventory.values().stream().filter(h -> h.build() > lo.build()
                && h.build() < hi.build() && WindowsReleases.forBuild(h.build()) == null).toList();
        return new Result(b, between, unknown, null, next(between));
    }

    /** The release nearest the middle that the inventory has; the middle one if it has none. */
    static Candidate next(List<Candidate> between) {
        if (between.isEmpty()) {
            return null;
        }
        double middle = (between.size() - 1) / 2.0;
        Candidate best = null;
        for (int i = 0; i < between.size(); i++) {
            Candidate c = between.get(i);
            if (!c.inventoryHosts().isEmpty() && (best == null
                    || Math.abs(i - middle) < Math.abs(between.indexOf(best) - middle))) {
                best = c;
            }
        }
        return best != null ? best : between.get((between.size() - 1) / 2);
    }
}
