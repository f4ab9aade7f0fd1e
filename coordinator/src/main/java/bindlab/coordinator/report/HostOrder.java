// Orders hosts the way version tables are read: OS family (Wine its own family, after Windows), then version
// (Windows build and UBR, Linux kernel release, Wine's version), then the stack's own file version (tcpip.sys).
package bindlab.coordinator.report;

import bindlab.proto.v1.HostIdentity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

public final class HostOrder {
    /** Compares identities; ties (same version) fall back to the host name given alongside. */
    public static final Comparator<HostIdentity> IDENTITY = Comparator
            .comparing(Families::of)
            .thenComparing(HostOrder::versionKey, HostOrder::compareNumbers)
            .thenComparing(id -> numbers(id.getStackFilesMap().getOrDefault("tcpip.sys", "")), HostOrder::compareNumbers);

    private HostOrder() {
    }

    /** Windows: major.minor.build then UBR; Linux: the numbers of the kernel release ("6.1.0-18-amd64" -> 6,1,0,18). */
    static List<Long> versionKey(HostIdentity id) {
        List<Long> key = new ArrayList<>(numbers(id.getOsVersion()));
        if (Families.isWindows(id)) {
            while (key.size() < 3) {
                key.add(0L);
            }
            if (key.size() == 3) {
                key.add((long) id.getUbr());
            }
        }
        return key;
    }

    /** Every run of digits in s, in order. */
    public static List<Long> numbers(String s) {
        List<Long> out = new ArrayList<>();
        long v = -1;
        for (char c : s.toCharArray()) {
            if (Character.isDigit(c) && v < Long.MAX_VALUE / 10 - 10) {
                v = (v < 0 ? 0 : v * 10) + (c - '0');
            } else if (v >= 0) {
                out.add(v);
                v = -1;
            }
        }
        if (v >= 0) {
            out.add(v);
        }
        return out;
    }

    static int compareNumbers(List<Long> a, List<Long> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Long.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
