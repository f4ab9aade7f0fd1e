// Claims against the matrix, a pure function: per claim and host, confirmed (every usable cell matches), refuted
// (with the refuting cells) or untested (no usable cell, or the host is outside the claim's family or range). Each
// expectation is judged on the probe call it is about: a claim about bind() is judged on bind, so a listen() that
// fails after a successful bind never refutes it; a cell whose probe stopped before that call is left out.
package bindlab.coordinator.answers;

import bindlab.coordinator.report.Families;
import bindlab.coordinator.report.Versions;
import bindlab.engine.scenario.Glob;
import bindlab.proto.v1.HostIdentity;
import bindlab.proto.v1.MatrixCell;
import bindlab.proto.v1.MatrixReport;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

public final class ClaimCheck {
    public static final String CONFIRMED = "confirmed";
    public static final String REFUTED = "refuted";
    public static final String UNTESTED = "untested";

    private ClaimCheck() {
    }

    /** A cell that contradicts the claim. */
    public record Refutation(String scenarioId, String expected, String observed, String errorName, int rawCode,
            List<String> statesBefore) {
    }

    /**
     * checked: usable cells compared; leftOut: matching cells that were not measurements or not trusted, by reason;
     * tested/total: expectations with at least one usable cell, out of all.
     */
    public record Verdict(Claim claim, String host, String family, String version, String verdict, String reason,
            int checked, Map<String, Integer> leftOut, List<Refutation> refuting, int tested, int total) {
    }

    public static List<Verdict> check(List<Claim> claims, MatrixReport matrix) {
        Map<String, List<MatrixCell>> byHost = new LinkedHashMap<>();
        matrix.getCellsList().forEach(c -> byHost.computeIfAbsent(c.getHost(), h -> new ArrayList<>()).add(c));
        List<Verdict> out = new ArrayList<>();
        for (Claim claim : claims) {
            byHost.forEach((host, cells) -> out.add(check(claim, host, cells)));
        }
        return out;
    }

    static Verdict check(Claim claim, String host, List<MatrixCell> cells) {
        MatrixCell any = cells.get(0);
        String family = Families.of(any.getIdentity());
        String version = Versions.label(any.getIdentity());
        int total = claim.expectations().size();
        String outOfScope = outOfScope(claim, any.getIdentity());
        if (outOfScope != null) {
            return untested(claim, host, family, version, outOfScope, Map.of(), total);
        }
        Set<String> checked = new LinkedHashSet<>();
        Map<String, Integer> leftOut = new TreeMap<>();
        List<Refutation> refuting = new ArrayList<>();
        int tested = 0;
        for (Claim.Expectation e : claim.expectations()) {
            Glob g = e.glob();
            boolean any1 = false;
            for (MatrixCell c : cells) {
                if (!g.matches(c.getScenarioId())) {
                    continue;
                }
                String reason = CellUse.leftOutReason(c);
                if (reason != null) {
                    leftOut.merge(reason, 1, Integer::sum);
                    continue;
                }
                String got = CellUse.outcomeOf(c, e.call());
                if (got == null) {
                    // the probe stopped before the call the claim is about: no evidence either way
                    leftOut.merge(e.call() + " not reached (" + CellUse.observed(c) + ")", 1, Integer::sum);
                    continue;
                }
                any1 = true;
                checked.add(c.getScenarioId());
                if (!agrees(e, c)) {
                    refuting.add(new Refutation(c.getScenarioId(), e.expected(), CellUse.observed(c), c.getErrorName(),
                            c.getRawCode(), c.getStatesBeforeList()));
                }
            }
            tested += any1 ? 1 : 0;
        }
        if (checked.isEmpty()) {
            int n = leftOut.values().stream().mapToInt(Integer::intValue).sum();
            return untested(claim, host, family, version, n == 0 ? "no cell in the stores matches its scenarios"
                    : "no usable cell: " + n + " matching cell(s) left out (" + counts(leftOut) + ")", leftOut, total);
        }
        String verdict = refuting.isEmpty() ? CONFIRMED : REFUTED;
        String reason = (refuting.isEmpty() ? checked.size() + " cell(s) match"
                : refuting.size() + " of " + checked.size() + " cell(s) contradict it")
                + "; " + tested + " of " + total + " expectation(s) tested"
                + (leftOut.isEmpty() ? "" : "; left out: " + counts(leftOut));
        return new Verdict(claim, host, family, version, verdict, reason, checked.size(), leftOut, refuting, tested, total);
    }

    /** Why the claim says nothing about a host of this identity (another family, or outside its versions); null if it does. */
    public static String outOfScope(Claim claim, HostIdentity id) {
        String family = Families.of(id);
        String version = Versions.label(id);
        if (family.equals(Families.WINE) && claim.osFamily().equals(Families.WINDOWS)) {
            return "the host runs " + Versions.name(id) + ": Wine's socket rules are not evidence about any Windows version";
        }
        if (!family.equals(claim.osFamily())) {
            return "the host runs " + family + "; the claim is about " + claim.osFamily();
        }
        if (!Versions.inRange(version, claim.minVersion(), claim.maxVersion())) {
            return version + " is outside the claim's versions " + claim.range();
        }
        return null;
    }

    /**
     * Whether a usable cell (CellUse.leftOutReason null) is no evidence against the expectation: the call it is about
     * gave an outcome it accepts, or the probe stopped before that call (then the cell says nothing about it).
     */
    public static boolean agrees(Claim.Expectation e, MatrixCell c) {
        String got = CellUse.outcomeOf(c, e.call());
        return got == null || e.accepts(got);
    }

    /** Per scenario id, the claim's expectations whose pattern matches it, in the claim's order (ids none matches: absent). */
    public static Map<String, List<Claim.Expectation>> expectations(Claim claim, Collection<String> scenarioIds) {
        return expectations(claim, new TreeSet<>(scenarioIds));
    }

    /**
     * The same over ids sorted once for many claims: each pattern tries only the ids that start with its literal
     * prefix (a report holds up to 32688 columns and the claims hundreds of patterns).
     */
    public static Map<String, List<Claim.Expectation>> expectations(Claim claim, NavigableSet<String> sortedIds) {
        Map<String, List<Claim.Expectation>> out = new LinkedHashMap<>();
        for (Claim.Expectation e : claim.expectations()) {
            Glob g = e.glob();
            for (String id : sortedIds.subSet(g.prefix(), true, g.prefix() + Character.MAX_VALUE, true)) {
                if (g.matches(id)) {
                    out.computeIfAbsent(id, k -> new ArrayList<>()).add(e);
                }
            }
        }
        return out;
    }

    private static Verdict untested(Claim claim, String host, String family, String version, String reason,
            Map<String, Integer> leftOut, int total) {
        return new Verdict(claim, host, family, version, UNTESTED, reason, 0, leftOut, List.of(), 0, total);
    }

    static String counts(Map<String, Integer> m) {
        return m.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
