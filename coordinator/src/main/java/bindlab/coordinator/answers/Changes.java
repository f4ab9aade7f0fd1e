// Changes: for each scenario and OS family, the adjacent tested identities whose outcomes differ (a pure function of
// the matrix), and the boundaries that several scenarios share collapsed into one finding.
package bindlab.coordinator.answers;

import bindlab.coordinator.report.Families;
import bindlab.coordinator.report.Versions;
import bindlab.coordinator.report.HostOrder;
import bindlab.proto.v1.MatrixCell;
import bindlab.proto.v1.MatrixReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

public final class Changes {
    /** Left-out reason for cells whose hosts share an identity but disagree: no single answer for that version. */
    public static final String HOSTS_DISAGREE = "hosts of one identity disagree";

    private Changes() {
    }

    /** One tested identity's answer for a scenario. */
    public record Point(Identity identity, String observed, String errorName, int rawCode) {
    }

    /** Adjacent tested identities of one family whose answers differ for one scenario. */
    public record Boundary(String family, String scenarioId, Point lower, Point upper) {
    }

    /** Scenarios that change between the same two identities in the same way. */
    public record Finding(String family, Identity lower, Identity upper, String before, String after,
            List<String> scenarioIds) {

        /** "changed after 6.1.7601, at or before 6.2.9200". */
        public String range() {
            return "changed after " + lower.version() + ", at or before " + upper.version();
        }

        /** "<scenarios in words>: EADDRINUSE up to 6.1.7601, OK from 6.2.9200". */
        public String sentence() {
            return ScenarioWords.describe(scenarioIds) + ": " + before + " up to " + lower.version() + ", " + after
                    + " from " + upper.version();
        }
    }

    /**
     * identities: every identity in the matrix, per family, in version order. timelines: scenario -> family -> the
     * tested points in version order. leftOut: cells of the chosen scenarios not compared, by reason.
     */
    public record Report(List<String> runIds, Map<String, List<Identity>> identities,
            Map<String, Map<String, List<Point>>> timelines, List<Boundary> boundaries, List<Finding> findings,
            Map<String, Integer> leftOut) {
    }

    public static Report analyze(MatrixReport matrix, Predicate<String> scenarios) {
        Map<String, Identity> byKey = identities(matrix.getCellsList());
        Map<String, Map<String, List<MatrixCell>>> usable = new TreeMap<>(); // scenario -> identity key -> cells
        Map<String, Integer> leftOut = new TreeMap<>();
        for (MatrixCell c : matrix.getCellsList()) {
            if (!scenarios.test(c.getScenarioId())) {
                continue;
            }
            String reason = CellUse.leftOutReason(c);
            if (reason != null) {
                leftOut.merge(reason, 1, Integer::sum);
            } else {
                usable.computeIfAbsent(c.getScenarioId(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(Identity.keyOf(c.getIdentity()), k -> new ArrayList<>()).add(c);
            }
        }
        Map<String, Map<String, List<Point>>> timelines = new LinkedHashMap<>();
        List<Boundary> boundaries = new ArrayList<>();
        usable.forEach((scenario, cellsByIdentity) -> {
            Map<String, List<Point>> perFamily = new TreeMap<>();
            cellsByIdentity.forEach((key, cells) -> {
                Point p = point(byKey.get(key), cells);
                if (p == null) {
                    leftOut.merge(HOSTS_DISAGREE, cells.size(), Integer::sum);
                } else {
                    perFamily.computeIfAbsent(p.identity().family(), f -> new ArrayList<>()).add(p);
                }
            });
            perFamily.values().forEach(points -> points.sort(Comparator.comparing(p -> p.identity().identity(), HostOrder.IDENTITY)));
            timelines.put(scenario, perFamily);
            perFamily.forEach((family, points) -> {
                for (int i = 1; i < points.size(); i++) {
                    if (!points.get(i - 1).observed().equals(points.get(i).observed())) {
                        boundaries.add(new Boundary(family, scenario, points.get(i - 1), points.get(i)));
                    }
                }
            });
        });
        return new Report(matrix.getRunIdsList(), byFamily(byKey), timelines, boundaries, collapse(boundaries, byKey),
                leftOut);
    }

    /** Every identity in the cells, keyed, with its hosts. */
    static Map<String, Identity> identities(List<MatrixCell> cells) {
        Map<String, Identity> out = new LinkedHashMap<>();
        for (MatrixCell c : cells) {
            String key = Identity.keyOf(c.getIdentity());
            Identity before = out.get(key);
            List<String> hosts = new ArrayList<>(before == null ? List.of() : before.hosts());
            if (!hosts.contains(c.getHost())) {
                hosts.add(c.getHost());
                out.put(key, new Identity(key, Families.of(c.getIdentity()), Versions.label(c.getIdentity()),
                        Versions.name(c.getIdentity()), before == null ? c.getIdentity() : before.identity(), List.copyOf(hosts)));
            }
        }
        return out;
    }

    static Map<String, List<Identity>> byFamily(Map<String, Identity> byKey) {
        Map<String, List<Identity>> out = new TreeMap<>();
        byKey.values().forEach(id -> out.computeIfAbsent(id.family(), f -> new ArrayList<>()).add(id));
        out.values().forEach(l -> l.sort(Comparator.comparing(Identity::identity, HostOrder.IDENTITY)));
        return out;
    }

    /** The identity's answer; null when its hosts disagree. */
    private static Point point(Identity id, List<MatrixCell> cells) {
        MatrixCell first = cells.get(0);
        if (cells.stream().anyMatch(c -> !CellUse.observed(c).equals(CellUse.observed(first)))) {
            return null;
        }
        return new Point(id, CellUse.observed(first), first.getErrorName(), first.getRawCode());
    }

    /** Groups boundaries by (family, lower, upper, before, after), in family then version order. */
    static List<Finding> collapse(List<Boundary> boundaries, Map<String, Identity> byKey) {
        Map<List<String>, List<Boundary>> groups = new LinkedHashMap<>();
        for (Boundary b : boundaries) {
            groups.computeIfAbsent(List.of(b.family(), b.lower().identity().key(), b.upper().identity().key(),
                    b.lower().observed(), b.upper().observed()), k -> new ArrayList<>()).add(b);
        }
        List<Finding> out = new ArrayList<>();
        groups.values().forEach(g -> out.add(new Finding(g.get(0).family(), g.get(0).lower().identity(),
                g.get(0).upper().identity(), g.get(0).lower().observed(), g.get(0).upper().observed(),
                g.stream().map(Boundary::scenarioId).toList())));
        out.sort(Comparator.comparing(Finding::family)
                .thenComparing(f -> f.lower().identity(), HostOrder.IDENTITY)
                .thenComparing(f -> f.upper().identity(), HostOrder.IDENTITY)
                .thenComparing(Finding::before).thenComparing(Finding::after));
        return out;
    }
}
