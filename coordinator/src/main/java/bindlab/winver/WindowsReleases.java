// The table of known Windows builds, so a version number can be named ("10.0.19045 = Windows 10 22H2").
package bindlab.winver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Source: WINDOWS-FACTS.md (build numbers). A build number identifies the release; the display version does not:
 * "21H2" is Windows 10 (19044), Windows Server 2022 (20348) and Windows 11 (22000).
 */
public final class WindowsReleases {
    private static final Map<Integer, WindowsRelease> BY_BUILD = new TreeMap<Integer, WindowsRelease>();

    static {
        add(6, 0, 6002, "", "Windows Vista SP2", "Windows Server 2008 SP2");
        // The 2019 servicing update of Server 2008 SP2 raised the build to 6003.
        add(6, 0, 6003, "", "Windows Vista SP2", "Windows Server 2008 SP2");
        add(6, 1, 7601, "", "Windows 7 SP1", "Windows Server 2008 R2 SP1");
        add(6, 2, 9200, "", "Windows 8", "Windows Server 2012");
        add(6, 3, 9600, "", "Windows 8.1", "Windows Server 2012 R2");
        win10(10240, "1507", null);
        win10(10586, "1511", null);
        win10(14393, "1607", "Windows Server 2016");
        win10(15063, "1703", null);
        win10(16299, "1709", null);
        win10(17134, "1803", null);
        win10(17763, "1809", "Windows Server 2019");
        win10(18362, "1903", null);
        win10(18363, "1909", null);
        win10(19041, "2004", null);
        win10(19042, "20H2", null);
        win10(19043, "21H1", null);
        win10(19044, "21H2", null);
        win10(19045, "22H2", null);
        add(10, 0, 20348, "21H2", null, "Windows Server 2022");
        win11(22000, "21H2", null);
        win11(22621, "22H2", null);
        win11(22631, "23H2", null);
        win11(26100, "24H2", "Windows Server 2025");
    }

    private WindowsReleases() {
    }

    private static void win10(int build, String displayVersion, String server) {
        add(10, 0, build, displayVersion, "Windows 10 " + displayVersion, server);
    }

    private static void win11(int build, String displayVersion, String server) {
        add(10, 0, build, displayVersion, "Windows 11 " + displayVersion, server);
    }

    private static void add(int major, int minor, int build, String displayVersion, String client, String server) {
        BY_BUILD.put(build, new WindowsRelease(WindowsVersion.of(major, minor, build), displayVersion, client, server));
    }

    /** Every known release, oldest first. */
    public static List<WindowsRelease> all() {
        return Collections.unmodifiableList(new ArrayList<WindowsRelease>(BY_BUILD.values()));
    }

    /** The release with this build number, or null. */
    public static WindowsRelease forBuild(int build) {
        return BY_BUILD.get(build);
    }

    /** The release of this version (UBR ignored), or null; major.minor must match the build's too. */
    public static WindowsRelease forVersion(WindowsVersion version) {
        WindowsRelease r = BY_BUILD.get(version.build());
        if (r == null || r.version().major() != version.major() || r.version().minor() != version.minor()) {
            return null;
        }
        return r;
    }

    /** Every release with this DisplayVersion/ReleaseId: more than one for "21H2". */
    public static List<WindowsRelease> withDisplayVersion(String displayVersion) {
        List<WindowsRelease> matches = new ArrayList<WindowsRelease>();
        for (WindowsRelease r : BY_BUILD.values()) {
            if (!r.displayVersion().isEmpty() && r.displayVersion().equalsIgnoreCase(displayVersion)) {
                matches.add(r);
            }
        }
        return matches;
    }

    /** A display version made unambiguous by the build number; null when they do not belong together. */
    public static WindowsRelease resolve(String displayVersion, int build) {
        for (WindowsRelease r : withDisplayVersion(displayVersion)) {
            if (r.build() == build) {
                return r;
            }
        }
        return null;
    }

    /** "10.0.19045 = Windows 10 22H2", or "10.0.99999 = unknown build" for a build not in the table. */
    public static String describe(WindowsVersion version) {
        WindowsRelease r = forVersion(version);
        return version.withoutUbr() + " = " + (r != null ? r.name() : "unknown build");
    }
}
