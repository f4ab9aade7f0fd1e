// Names host identities the way version tables are read: a version label per identity, a product name, and
// inclusive version ranges compared number by number.
package bindlab.coordinator.report;

import bindlab.proto.v1.HostIdentity;
import bindlab.winver.WindowsRelease;
import bindlab.winver.WindowsReleases;
import bindlab.winver.WindowsVersion;
import java.util.List;

public final class Versions {
    private Versions() {
    }

    /**
     * Windows "major.minor.build" plus ".UBR" when the UBR is known and > 0; Wine "wine-8.0" (never a Windows
     * version, whatever Wine impersonates); elsewhere the OS version (kernel release).
     */
    public static String label(HostIdentity id) {
        if (Families.isWine(id)) {
            return "wine-" + (id.getWineVersion().isEmpty() ? id.getOsVersion() : id.getWineVersion());
        }
        if (!Families.isWindows(id)) {
            return id.getOsVersion();
        }
        WindowsVersion v = windowsVersion(id);
        return v != null ? v.toString() : id.getOsVersion();
    }

    /** The Windows version of an identity (UBR only when > 0); null when it does not parse or the host is not Windows. */
    public static WindowsVersion windowsVersion(HostIdentity id) {
        if (!Families.isWindows(id)) {
            return null;
        }
        try {
            WindowsVersion v = WindowsVersion.parse(id.getOsVersion()).withoutUbr();
            return id.getUbr() > 0 ? v.withUbr(id.getUbr()) : v;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** "Windows 7 SP1" or "Windows Server 2008 R2 SP1" (the product type the host reported); the OS name elsewhere. */
    public static String name(HostIdentity id) {
        if (Families.isWindows(id)) {
            WindowsVersion v = windowsVersion(id);
            WindowsRelease r = v == null ? null : WindowsReleases.forVersion(v);
            if (r != null) {
                return r.name(id.getServer());
            }
        }
        return id.getOsName().isEmpty() ? id.getOsFamily() : id.getOsName();
    }

    /**
     * Whether a version label lies in [min, max], both inclusive and optional (""), compared on as many numbers as
     * the bound has: max "6.1" takes in every 6.1.x, min "10.0.19045" every UBR of 19045.
     */
    public static boolean inRange(String label, String min, String max) {
        List<Long> v = numbers(label);
        return (min.isEmpty() || comparePrefix(v, numbers(min)) >= 0)
                && (max.isEmpty() || comparePrefix(v, numbers(max)) <= 0);
    }

    /** Compares v with a bound on the bound's length only; missing parts of v count as 0. */
    static int comparePrefix(List<Long> v, List<Long> bound) {
        for (int i = 0; i < bound.size(); i++) {
            int c = Long.compare(i < v.size() ? v.get(i) : 0L, bound.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Every run of digits in s, in order ("6.1.0-18-amd64" -> 6, 1, 0, 18): the same reading the matrix sorts by. */
    public static List<Long> numbers(String s) {
        return HostOrder.numbers(s);
    }
}
