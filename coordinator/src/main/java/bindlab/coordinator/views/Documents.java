// What every bind-table document says around its tables, in text and Markdown alike: which hosts (and claim) it
// shows, and the notes: fixture hosts, Wine hosts, scenarios that fit in no table.
package bindlab.coordinator.views;

import bindlab.coordinator.report.Families;
import bindlab.coordinator.report.Summaries;
import bindlab.proto.v1.MatrixReport;
import bindlab.proto.v1.MatrixRow;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

final class Documents {
    private Documents() {
    }

    /** "bind tables: 102 situation(s); fixture-win7 (Windows 7 ...), fixture-win10 (...)". */
    static String heading(MatrixReport m, List<BindTables.Table> tables) {
        Set<String> situations = new LinkedHashSet<>();
        Set<String> subjects = new LinkedHashSet<>();
        tables.forEach(t -> {
            situations.add(t.situation().key());
            subjects.add(t.subject());
        });
        List<String> hosts = new ArrayList<>();
        for (MatrixRow r : m.getRowsList()) {
            if (tables.stream().anyMatch(t -> t.row().equals(r.getRow()) || r.getRow().equals(t.other()))) {
                hosts.add(r.getRow() + (r.getUntrusted() ? " UNTRUSTED (failed a control)" : "") + ": "
                        + Summaries.identity(r.getIdentity()));
            }
        }
        return "bind tables: " + situations.size() + " situation(s), " + String.join("; ", subjects) + "\n  "
                + String.join("\n  ", hosts);
    }

    /** The fixture note and what is not in any table, each a sentence. */
    static List<String> notes(MatrixReport m, List<BindTables.Table> tables) {
        List<String> out = new ArrayList<>();
        int unplaced = Situation.all(m.getColumnsList()).unplaced().size();
        if (unplaced > 0) {
            out.add(unplaced + " scenario(s) fit in no bind table (controls, scenarios outside the catalog): see"
                    + " 'bindlab matrix' for them.");
        }
        if (tables.isEmpty()) {
            out.add("No bind table: the hosts have no cell in a scenario with a second socket.");
        }
        if (Summaries.anyWine(m)) {
            out.add(Families.WINE_NOTE);
        }
        if (tables.stream().anyMatch(t -> Summaries.isFixture(t.row())
                || (t.other() != null && Summaries.isFixture(t.other())))) {
            out.add(Summaries.FIXTURE_NOTE);
        }
        return out;
    }
}
