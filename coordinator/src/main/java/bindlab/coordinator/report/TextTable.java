// A fixed-width text table: columns padded to given widths, overlong values cut with "...", optional ANSI colour
// applied after padding so colour codes never count towards the width.
package bindlab.coordinator.report;

import java.util.List;

public final class TextTable {
    public static final String GAP = "  ";

    private final int[] width;
    private final boolean colour;
    private final StringBuilder out = new StringBuilder();

    public TextTable(int[] width, boolean colour) {
        this.width = width;
        this.colour = colour;
    }

    /** One row; codes[i] is the SGR code for cell i, or null. Trailing blanks are dropped. */
    public TextTable row(List<String> cells, List<String> codes) {
        StringBuilder line = new StringBuilder();
        int plainEnd = 0;
        for (int i = 0; i < width.length; i++) {
            String v = fit(i < cells.size() ? cells.get(i) : "", width[i]);
            String code = codes == null || i >= codes.size() ? null : codes.get(i);
            line.append(colour && code != null && !v.isEmpty() ? code + v + Terminal.RESET : v);
            if (!v.isEmpty()) {
                plainEnd = line.length();
            }
            if (i < width.length - 1) {
                line.append(" ".repeat(width[i] - v.length())).append(GAP);
            }
        }
        out.append(line, 0, plainEnd).append('\n');
        return this;
    }

    public TextTable row(List<String> cells) {
        return row(cells, null);
    }

    /** Dashes under each column. */
    public TextTable rule() {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            line.append("-".repeat(width[i])).append(i == width.length - 1 ? "" : GAP);
        }
        out.append(line).append('\n');
        return this;
    }

    /** A line across the table (a group heading), cut to the table's width. */
    public TextTable line(String text) {
        out.append(fit(text, total())).append('\n');
        return this;
    }

    public int total() {
        int t = GAP.length() * (width.length - 1);
        for (int w : width) {
            t += w;
        }
        return t;
    }

    /** v, or its start and "..." when longer than w. */
    public static String fit(String v, int w) {
        if (v.length() <= w) {
            return v;
        }
        return w <= 3 ? v.substring(0, w) : v.substring(0, w - 3) + "...";
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
