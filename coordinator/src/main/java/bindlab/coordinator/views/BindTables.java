// Bind tables: the matrix cut the way Microsoft prints bind behaviour, one grid per lingering situation with the first
// socket's option and address down the side and the second socket's across the top, for one host, two hosts side by
// side, or a host against a published claim. A pure function of the matrix; renderers only draw what it returns.
package bindlab.coordinator.views;

import bindlab.coordinator.answers.CellUse;
import bindlab.coordinator.answers.Claim;
import bindlab.coordinator.answers.ClaimCheck;
import bindlab.coordinator.report.Summaries;
import bindlab.proto.v1.MatrixCell;
import bindlab.proto.v1.MatrixReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

public final class BindTables {
    /** Shown in a comparison for an option the host does not have (its cells were all NOT_APPLICABLE). */
    public static final String LACKS = "—";

    private BindTables() {
    }

    /**
     * One drawn cell. scenarioId: the scenario there, or null when the catalog has none. text: what the table's host
     * shows (Summaries.brief, "not run", or LACKS). other: the other host's words, or "claim: " and the expected
     * outcome where the cell does not confirm it; null when there is nothing to compare. differs: both sides are
     * answers and they disagree. cell: the host's cell index in the matrix, -1 when it has none.
     */
    public record Slot(String scenarioId, String text, String other, boolean differs, int cell) {
        static final Slot EMPTY = new Slot(null, "", null, false, -1);

        /** The host's words alone when the other side says the same (or nothing), else both joined by sep. */
        public String shown(String sep) {
            return other == null || other.equals(text) ? text : text + sep + other;
        }
    }

    /** One situation's grid for one host, against another host's row or "claim ID" when other is set. */
    public record Table(Situation situation, String row, String other, List<Axis> rows, List<Axis> cols, Slot[][] slots) {
        /** "fixture-win7", "fixture-win7 vs fixture-win10", "fixture-win7 vs claim msdn-...". */
        public String subject() {
            return other == null ? row : row + " vs " + other;
        }

        public Slot slot(int r, int c) {
            return slots[r][c];
        }

        public int differing() {
            int n = 0;
            for (Slot[] line : slots) {
                for (Slot s : line) {
                    n += s.differs() ? 1 : 0;
                }
            }
            return n;
        }
    }

    /**
     * What `--view tables` shows: every host's tables, situation by situation (hosts null); one host's; one host against
     * another host (against) or a claim. Throws IllegalArgumentException naming the rows when a name matches none.
     */
    public static List<Table> select(MatrixReport m, String host, String against, Claim claim) {
        if (host == null) {
            if (against != null || claim != null) {
                throw new IllegalArgumentException("--against and --claim compare with --host: name the host too");
            }
            List<Table> all = new ArrayList<>();
            m.getRowsList().forEach(r -> all.addAll(forHost(m, r.getRow())));
            List<String> order = Situation.all(m.getColumnsList()).situations().stream().map(Situation::key).toList();
            all.sort(Comparator.comparingInt(t -> order.indexOf(t.situation().key())));
            return all;
        }
        String row = row(m, host);
        if (against != null && claim != null) {
            throw new IllegalArgumentException("--against and --claim: compare with one of them at a time");
        }
        return against != null ? compare(m, row, row(m, against)) : claim != null ? againstClaim(m, row, claim)
                : forHost(m, row);
    }

    /** The row label a name stands for: a row label, or a host name that has exactly one row. */
    public static String row(MatrixReport m, String name) {
        List<String> rows = m.getRowsList().stream().map(r -> r.getRow()).toList();
        if (rows.contains(name)) {
            return name;
        }
        List<String> ofHost = m.getRowsList().stream().filter(r -> r.getHost().equals(name)).map(r -> r.getRow()).toList();
        if (ofHost.size() == 1) {
            return ofHost.get(0);
        }
        throw new IllegalArgumentException(ofHost.isEmpty() ? "no host '" + name + "' in the stores; hosts: "
                + String.join(", ", rows) : "host '" + name + "' has several rows, name one: " + String.join(", ", ofHost));
    }

    /** The tables of one host: every situation where it has a cell, without the options it lacks. */
    public static List<Table> forHost(MatrixReport m, String row) {
        Cells cells = Cells.of(m);
        Set<String> lacks = cells.lacks(row);
        List<Table> out = new ArrayList<>();
        for (Situation s : Situation.all(m.getColumnsList()).situations()) {
            if (cells.any(row, s)) {
                out.add(table(s, row, null, lacks, sc -> hostSlot(cells, row, sc, lacks)));
            }
        }
        return out;
    }

    /** Two hosts' tables overlaid: each cell shows both where they differ; options either host has are kept. */
    public static List<Table> compare(MatrixReport m, String row, String otherRow) {
        Cells cells = Cells.of(m);
        Set<String> lacksBoth = new LinkedHashSet<>(cells.lacks(row));
        lacksBoth.retainAll(cells.lacks(otherRow));
        Set<String> lacksA = cells.lacks(row);
        Set<String> lacksB = cells.lacks(otherRow);
        List<Table> out = new ArrayList<>();
        for (Situation s : Situation.all(m.getColumnsList()).situations()) {
            if (cells.any(row, s) || cells.any(otherRow, s)) {
                out.add(table(s, row, otherRow, lacksBoth, sc -> {
                    Slot a = hostSlot(cells, row, sc, lacksA);
                    Slot b = hostSlot(cells, otherRow, sc, lacksB);
                    boolean differs = comparable(cells.get(row, sc)) && comparable(cells.get(otherRow, sc))
                            && !CellUse.observed(cells.get(row, sc)).equals(CellUse.observed(cells.get(otherRow, sc)));
                    return new Slot(sc, a.text(), b.text(), differs, a.cell());
                }));
            }
        }
        return out;
    }

    /**
     * A host's tables against a claim's expectations: each cell shows the expected outcome where the claim has one,
     * and differs where a usable cell contradicts it (ClaimCheck's judgement). Throws when the claim does not cover
     * the host (another family, or outside its versions), with ClaimCheck's reason.
     */
    public static List<Table> againstClaim(MatrixReport m, String row, Claim claim) {
        Cells cells = Cells.of(m);
        String outOfScope = ClaimCheck.outOfScope(claim, cells.identity(row));
        if (outOfScope != null) {
            throw new IllegalArgumentException("claim " + claim.id() + " says nothing about " + row + ": " + outOfScope);
        }
        Map<String, List<Claim.Expectation>> expected = ClaimCheck.expectations(claim,
                m.getColumnsList().stream().map(c -> c.getScenarioId()).toList());
        Set<String> lacks = cells.lacks(row);
        List<Table> out = new ArrayList<>();
        for (Situation s : Situation.all(m.getColumnsList()).situations()) {
            if (cells.any(row, s)) {
                out.add(table(s, row, "claim " + claim.id(), lacks,
                        sc -> claimSlot(cells, row, sc, lacks, expected.get(sc))));
            }
        }
        return out;
    }

    private static Slot claimSlot(Cells cells, String row, String sc, Set<String> lacks, List<Claim.Expectation> es) {
        Slot own = hostSlot(cells, row, sc, lacks);
        if (es == null || es.isEmpty()) {
            return own;
        }
        MatrixCell c = cells.get(row, sc);
        boolean differs = comparable(c) && es.stream().anyMatch(e -> !ClaimCheck.agrees(e, c));
        if (comparable(c) && !differs) {
            return own; // the claim agrees: its words would only repeat the cell's
        }
        String expected = String.join(" & ", es.stream().map(Claim.Expectation::expected).distinct().toList());
        return new Slot(sc, own.text(), "claim: " + expected, differs, own.cell());
    }

    /** What the host shows for a scenario: its cell in brief, "not run", or LACKS for an option it does not have. */
    static Slot hostSlot(Cells cells, String row, String scenarioId, Set<String> lacks) {
        if (scenarioId == null) {
            return Slot.EMPTY;
        }
        MatrixCell c = cells.get(row, scenarioId);
        if (c != null && Options.involves(cells.dims(scenarioId), lacks)) {
            return new Slot(scenarioId, LACKS, null, false, cells.index(row, scenarioId));
        }
        return new Slot(scenarioId, c == null ? Summaries.NOT_RUN : Summaries.brief(c), null, false,
                cells.index(row, scenarioId));
    }

    /** A cell that may take part in a comparison: a trusted, unanimous measurement (CellUse). */
    static boolean comparable(MatrixCell c) {
        return c != null && CellUse.leftOutReason(c) == null;
    }

    private static Table table(Situation s, String row, String other, Set<String> lacks,
            Function<String, Slot> slot) {
        List<Axis> rows = s.rows().stream().filter(a -> !lacks.contains(a.option())).toList();
        List<Axis> cols = s.cols().stream().filter(a -> !lacks.contains(a.option())).toList();
        Slot[][] slots = new Slot[rows.size()][cols.size()];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < cols.size(); c++) {
                String sc = s.scenario(rows.get(r), cols.get(c));
                slots[r][c] = sc == null ? Slot.EMPTY : slot.apply(sc);
            }
        }
        return new Table(s, row, other, rows, cols, slots);
    }
}
