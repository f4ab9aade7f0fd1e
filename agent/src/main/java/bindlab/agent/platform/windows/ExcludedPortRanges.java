// Parses `netsh int ipv4|ipv6 show excludedportrange protocol=tcp`: the ports where bind fails with WSAEACCES.
package bindlab.agent.platform.windows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output is a title, a "Start Port    End Port" header, a dashed rule, one "start  end" row per range (a
 * trailing "*" marks an administered exclusion), then a footnote. Titles are translated on localized Windows, so
 * the parser keys on the dashed rule and the shape of the rows, never on the English words.
 */
public final class ExcludedPortRanges {
    private static final Pattern RULE = Pattern.compile("^\\s*-{3,}(\\s+-{3,})*\\s*$");
    private static final Pattern ROW = Pattern.compile("^\\s*(\\d{1,5})\\s+(\\d{1,5})\\s*(\\*)?\\s*$");

    /** One excluded range, inclusive at both ends. */
    public static final class Range {
        public final int start;
        public final int end;
        /** Marked "*": added by an administrator (netsh add) rather than reserved by a service such as Hyper-V. */
        public final boolean administered;

        public Range(int start, int end, boolean administered) {
            if (start < 0 || end > 65535 || start > end) {
                throw new IllegalArgumentException("not a port range: " + start + "-" + end);
            }
            this.start = start;
            this.end = end;
            this.administered = administered;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Range)) {
                return false;
            }
            Range r = (Range) o;
            return start == r.start && end == r.end && administered == r.administered;
        }

        @Override
        public int hashCode() {
            return (start * 65537 + end) * 2 + (administered ? 1 : 0);
        }

        @Override
        public String toString() {
            return start + "-" + end + (administered ? " *" : "");
        }
    }

    private ExcludedPortRanges() {
    }

    /** The ranges, in output order; empty when the table has no rows. Throws if there is no table at all. */
    public static List<Range> parse(String netshOutput) {
        String[] lines = netshOutput.split("\\r?\\n|\\r");
        int rule = findRule(lines);
        if (rule < 0) {
            throw new IllegalArgumentException("no port exclusion table in netsh output: \"" + firstLine(lines) + "\"");
        }
        List<Range> ranges = new ArrayList<Range>();
        for (int i = rule + 1; i < lines.length; i++) {
            Matcher m = ROW.matcher(lines[i]);
            if (m.matches()) {
                ranges.add(new Range(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3) != null));
            }
        }
        return ranges;
    }

    /** The IPv4 and IPv6 lists merged, duplicates removed, sorted by start port. */
    public static List<Range> union(List<Range> a, List<Range> b) {
        Set<Range> unique = new LinkedHashSet<Range>(a);
        unique.addAll(b);
        List<Range> merged = new ArrayList<Range>(unique);
        Collections.sort(merged, BY_START);
        return merged;
    }

    private static final Comparator<Range> BY_START = new Comparator<Range>() {
        @Override
        public int compare(Range x, Range y) {
            return x.start != y.start ? Integer.compare(x.start, y.start) : Integer.compare(x.end, y.end);
        }
    };

    private static int findRule(String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            if (RULE.matcher(lines[i]).matches()) {
                return i;
            }
        }
        return -1;
    }

    private static String firstLine(String[] lines) {
        for (String line : lines) {
            if (!line.trim().isEmpty()) {
                return line.trim();
            }
        }
        return "";
    }
}
