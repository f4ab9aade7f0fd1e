// Renders the matrix as CSV, one row per cell (a scenario not run on a host has no row), with the host identity and
// the scenario's dimensions spelled out so a spreadsheet can pivot on any of them. RFC 4180 quoting, LF line ends.
package bindlab.coordinator.report;

import bindlab.proto.v1.HostIdentity;
import bindlab.proto.v1.MatrixCell;
import bindlab.proto.v1.MatrixColumn;
import bindlab.proto.v1.MatrixReport;
import bindlab.proto.v1.RunVerdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

public final class MatrixCsv {
    /** The catalog's dimensions, in the order of Scenario.dims(); other keys found in the report follow, sorted. */
    static final List<String> DIMS = List.of("first", "second", "lingering", "state", "handle", "origin",
            "first_addr", "second_addr", "family", "technique", "user");

    private MatrixCsv() {
    }

    public static String render(MatrixReport m) {
        List<String> dims = new ArrayList<>(DIMS);
        TreeSet<String> extra = new TreeSet<>();
        m.getColumnsList().forEach(c -> extra.addAll(c.getDimsMap().keySet()));
        extra.removeAll(DIMS);
        dims.addAll(extra);
        Map<String, MatrixColumn> columns = new HashMap<>();
        m.getColumnsList().forEach(c -> columns.put(c.getScenarioId(), c));

        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("host", "row", "os_family", "os_name", "os_version", "build",
                "ubr", "kernel", "stack_files", "scenario", "group"));
        header.addAll(dims);
        header.addAll(List.of("outcome", "agreed", "repeats", "flaky", "untrusted", "conflict", "conflicts",
                "raw_code", "error_name", "failed_call", "states_before", "states_after", "infra_errors", "runs",
                "reason"));
        line(out, header);
        for (MatrixCell c : m.getCellsList()) {
            HostIdentity id = c.getIdentity();
            MatrixColumn col = columns.get(c.getScenarioId());
            List<String> row = new ArrayList<>(List.of(c.getHost(), c.getRow(), Families.of(id), id.getOsName(),
                    id.getOsVersion(), num(id.getBuild()), num(id.getUbr()), id.getKernel(), stackFiles(id),
                    c.getScenarioId(), col == null ? "" : col.getGroup()));
            dims.forEach(d -> row.add(col == null ? "" : col.getDimsOrDefault(d, "")));
            row.addAll(List.of(c.getOutcome(), num(c.getAgreed()), num(c.getRepeats()), bool(c.getFlaky()),
                    bool(c.getUntrusted()), bool(c.getConflict()), conflicts(c), String.valueOf(c.getRawCode()),
                    c.getErrorName(), c.getFailedCall(), String.join(";", c.getStatesBeforeList()),
                    String.join(";", c.getStatesAfterList()), num(c.getInfraErrors()), String.join(";", c.getRunIdsList()),
                    c.getReason()));
            line(out, row);
        }
        return out.toString();
    }

    /** "20250101T000000Z=EADDRINUSE 3/3;20250202T000000Z=OK 1/1" */
    private static String conflicts(MatrixCell c) {
        List<String> out = new ArrayList<>();
        for (RunVerdict v : c.getConflictsList()) {
            out.add(v.getRunId() + "=" + v.getOutcome() + " " + v.getAgreed() + "/" + v.getRepeats());
        }
        return String.join(";", out);
    }

    private static String stackFiles(HostIdentity id) {
        List<String> out = new ArrayList<>();
        new java.util.TreeMap<>(id.getStackFilesMap()).forEach((f, v) -> out.add(f + "=" + v));
        return String.join(";", out);
    }

    private static String num(int v) {
        return Integer.toUnsignedString(v);
    }

    private static String bool(boolean b) {
        return b ? "true" : "false";
    }

    private static void line(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            out.append(i == 0 ? "" : ",").append(quote(fields.get(i)));
        }
        out.append('\n');
    }

    /** RFC 4180: a field with a comma, quote, CR or LF is quoted, and its quotes doubled. */
    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
