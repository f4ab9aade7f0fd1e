// Test support: the GitHub tables of a Markdown text, as rows of cells (split on unescaped pipes, cells trimmed).
package bindlab.coordinator.views;

import java.util.ArrayList;
import java.util.List;

final class MarkdownTables {
    private MarkdownTables() {
    }

    /** Each table (consecutive lines starting with '|') as its rows, header and separator included. */
    static List<List<List<String>>> parse(String md) {
        List<List<List<String>>> out = new ArrayList<>();
        List<List<String>> table = null;
        for (String line : md.split("\n", -1)) {
            if (!line.startsWith("|")) {
                table = null;
                continue;
            }
            if (table == null) {
                table = new ArrayList<>();
                out.add(table);
            }
            table.add(cells(line));
        }
        return out;
    }

    static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 1; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '\\' && i + 1 < line.length()) {
                cell.append(line.charAt(++i));
            } else if (ch == '|') {
                out.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        return out;
    }
}
