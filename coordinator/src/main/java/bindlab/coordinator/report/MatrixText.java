// Renders the matrix for a terminal: one row per scenario, one column per host, then the evidence per cell.
package bindlab.coordinator.report;

import bindlab.proto.v1.MatrixCell;
import bindlab.proto.v1.MatrixReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class MatrixText {
    private MatrixText() {
    }

    public static String render(MatrixReport m) {
        List<String> hosts = new ArrayList<>();
        Map<String, Map<String, MatrixCell>> rows = new LinkedHashMap<>();
        List<String> untrusted = new ArrayList<>();
        for (MatrixCell c : m.getCellsList()) {
            if (!hosts.contains(c.getHost())) {
                hosts.add(c.getHost());
            }
            if (c.getUntrusted() && !untrusted.contains(c.getHost())) {
                untrusted.add(c.getHost());
            }
            rows.computeIfAbsent(c.getScenarioId(), k -> new LinkedHashMap<>()).put(c.getHost(), c);
        }
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("scenario"));
        for (String h : hosts) {
            header.add(untrusted.contains(h) ? h + " (UNTRUSTED: failed a control)" : h);
            header.add("state before -> after");
        }
        table.add(header);
        rows.forEach((scenario, byHost) -> {
            List<String> line = new ArrayList<>(List.of(scenario));
            for (String h : hosts) {
                MatrixCell c = byHost.get(h);
                line.add(c == null ? "not run" : summary(c));
                line.add(c == null ? "" : String.join(",", c.getStatesBeforeList()) + " -> "
                        + String.join(",", c.getStatesAfterList()));
            }
            table.add(line);
        });
        return layout(table);
    }

    /** "EADDRINUSE(98) 3/3", "OK 2/3 FLAKY", "NOT_APPLICABLE". */
    static String summary(MatrixCell c) {
        StringBuilder s = new StringBuilder(c.getOutcome());
        if (c.getRawCode() != 0) {
            s.append('(').append(c.getRawCode()).append(')');
        }
        if (!c.getFailedCall().isEmpty() && !c.getFailedCall().equals("bind")) {
            s.append(" at ").append(c.getFailedCall());
        }
        if (!c.getOutcome().equals("NOT_APPLICABLE")) {
            s.append(' ').append(c.getAgreed()).append('/').append(c.getRepeats());
        }
        if (c.getFlaky()) {
            s.append(" FLAKY");
        }
        return s.toString();
    }

    public static String layout(List<List<String>> table) {
        int cols = table.get(0).size();
        int[] width = new int[cols];
        for (List<String> row : table) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < table.size(); r++) {
            for (int i = 0; i < cols; i++) {
                String v = table.get(r).get(i);
                out.append(i == cols - 1 ? v : String.format("%-" + width[i] + "s  ", v));
            }
            out.append('\n');
            if (r == 0) {
                for (int i = 0; i < cols; i++) {
                    out.append("-".repeat(width[i])).append(i == cols - 1 ? "" : "  ");
                }
                out.append('\n');
            }
        }
        return out.toString();
    }
}
