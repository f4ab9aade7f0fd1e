// The short words every renderer uses for a cell and a host, so text, Markdown, CSV and HTML say the same thing.
package bindlab.coordinator.report;

import bindlab.engine.Outcomes;
import bindlab.proto.v1.HostIdentity;
import bindlab.proto.v1.MatrixCell;
import bindlab.proto.v1.MatrixReport;
import bindlab.proto.v1.MatrixRow;
import bindlab.proto.v1.RunVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

public final class Summaries {
    /** What a (row, scenario) pair without a cell shows. */
    public static final String NOT_RUN = Outcomes.NOT_RUN;

    /** Option names that make catalog ids long; abbreviated only where width forces it, and then with a legend. */
    static final Map<String, String> ABBREVIATIONS = Map.of("EXCLUSIVEADDRUSE", "EXCL", "REUSEADDR", "RA",
            "REUSEPORT", "RP", "listener-open", "l-open", "listener-closed", "l-closed");
    public static final String ABBREVIATION_LEGEND =
            "RA = REUSEADDR, RP = REUSEPORT, EXCL = EXCLUSIVEADDRUSE, l-open/l-closed = listener-open/listener-closed";

    /** Said by every report (matrix and answers) in which a fixture host appears, so none passes as data. */
    public static final String FIXTURE_NOTE = "note: hosts named fixture-* are synthetic test data, not measurements";

    private Summaries() {
    }

    /** Hosts named fixture-... are synthetic test data, invented by the tests, never measured. */
    public static boolean isFixture(String host) {
        return host.startsWith("fixture");
    }

    /** Whether any row is a test fixture. */
    public static boolean anyFixture(MatrixReport m) {
        return m.getRowsList().stream().anyMatch(r -> isFixture(r.getHost()));
    }

    /** "EADDRINUSE(98) 3/3", "OK 2/3 FLAKY", "NOT_APPLICABLE", "EADDRINUSE/OK CONFLICT". */
    public static String cell(MatrixCell c) {
        if (c.getConflict()) {
            List<String> seen = new ArrayList<>();
            c.getConflictsList().stream().map(RunVerdict::getOutcome).filter(o -> !seen.contains(o)).forEach(seen::add);
            return String.join("/", seen) + " CONFLICT";
        }
        StringBuilder s = new StringBuilder(outcome(c));
        if (!c.getOutcome().equals("NOT_APPLICABLE")) {
            s.append(' ').append(c.getAgreed()).append('/').append(c.getRepeats());
        }
        if (c.getFlaky()) {
            s.append(" FLAKY");
        }
        return s.toString();
    }

    /** What a bind-table cell shows: the cell without its agreement when all repeats agreed ("EADDRINUSE(98)"). */
    public static String brief(MatrixCell c) {
        return c.getConflict() || c.getFlaky() ? cell(c) : outcome(c);
    }

    /** "EADDRINUSE(98)", "EADDRINUSE(98) at listen": the outcome, its raw code and a failed call other than bind. */
    private static String outcome(MatrixCell c) {
        StringBuilder s = new StringBuilder(c.getOutcome());
        if (c.getRawCode() != 0) {
            s.append('(').append(c.getRawCode()).append(')');
        }
        if (!c.getFailedCall().isEmpty() && !c.getFailedCall().equals("bind")) {
            s.append(" at ").append(c.getFailedCall());
        }
        return s.toString();
    }

    /** "TIME_WAIT -> LISTEN,TIME_WAIT": the target's states on the port around the probe; "" when neither had a row. */
    public static String states(MatrixCell c) {
        if (c.getStatesBeforeCount() == 0 && c.getStatesAfterCount() == 0) {
            return "";
        }
        return states(c.getStatesBeforeList()) + " -> " + states(c.getStatesAfterList());
    }

    private static String states(List<String> states) {
        return states.isEmpty() ? "none" : String.join(",", states);
    }

    /** Whether a row is a Wine host: its cells are Wine's rules, and every report says so. */
    public static boolean anyWine(MatrixReport m) {
        return m.getRowsList().stream().anyMatch(r -> Families.isWine(r.getIdentity()));
    }

    /** The row's system, and how it was measured when not by a fleet or lab ("solo: ... one machine's loopback"). */
    public static String identity(MatrixRow row) {
        String id = identity(row.getIdentity());
        return row.getTopology().equals("solo") ? id + "; solo (one machine, loopback)" : id;
    }

    /**
     * One line naming the system: "Windows 10 Pro 10.0.19045.3803 (22H2), amd64, tcpip.sys 10.0.19041.3800", or
     * "Wine 8.0 (Debian 8.0~repack-4), NOT Windows, on Linux 6.1.0, amd64, impersonates 6.1.7601 Microsoft Windows 7".
     */
    public static String identity(HostIdentity id) {
        List<String> parts = new ArrayList<>();
        if (Families.isWine(id)) {
            parts.add(id.getOsName().isEmpty() ? "Wine " + id.getWineVersion() : id.getOsName());
            parts.add("NOT Windows");
            parts.add(id.getWineHost().isEmpty() ? "" : "on " + id.getWineHost());
            parts.add(id.getArch());
            parts.add(id.getWineWindowsVersion().isEmpty() ? "" : "impersonates " + id.getWineWindowsVersion());
            return String.join(", ", parts.stream().filter(p -> !p.isBlank()).toList());
        }
        if (id.getOsFamily().equals("windows")) {
            parts.add((id.getOsName().isEmpty() ? "windows" : id.getOsName()) + " " + HostRows.version(id)
                    + (id.getDisplayVersion().isEmpty() ? "" : " (" + id.getDisplayVersion() + ")"));
        } else {
            parts.add(id.getOsName().isEmpty() ? id.getOsFamily() : id.getOsName());
            parts.add((id.getOsFamily().equals("linux") ? "kernel " : "") + id.getOsVersion());
        }
        if (!id.getArch().isEmpty()) {
            parts.add(id.getArch());
        }
        id.getStackFilesMap().forEach((file, version) -> parts.add(file + " " + version));
        return String.join(", ", parts.stream().filter(p -> !p.isBlank()).toList());
    }

    /** The id with long option names shortened (see ABBREVIATION_LEGEND). */
    public static String abbreviate(String id) {
        String out = id;
        for (String longName : List.of("EXCLUSIVEADDRUSE", "REUSEADDR", "REUSEPORT", "listener-open", "listener-closed")) {
            out = out.replace(longName, ABBREVIATIONS.get(longName));
        }
        return out;
    }
}
