// The OS family a host's results belong to, the one place that decides it: a host running the Windows backend under
// Wine is family "wine", whatever else its identity says, so no report files Wine's rules under a Windows version.
package bindlab.coordinator.report;

import bindlab.proto.v1.HostIdentity;

public final class Families {
    public static final String WINE = "wine";
    public static final String WINDOWS = "windows";

    /** Said wherever a Wine host appears: in the matrix (every format), changes, bisect and claims. */
    public static final String WINE_NOTE = "note: wine rows ran the Windows backend under Wine: Wine's socket rules,"
            + " not evidence about any Windows version";

    private Families() {
    }

    /** "wine" for a Wine host (os_family wine, or any identity carrying a Wine version); else os_family. */
    public static String of(HostIdentity id) {
        return isWine(id) ? WINE : id.getOsFamily();
    }

    public static boolean isWine(HostIdentity id) {
        return WINE.equals(id.getOsFamily()) || !id.getWineVersion().isEmpty();
    }

    /** A real Windows host: family windows and no trace of Wine. */
    public static boolean isWindows(HostIdentity id) {
        return WINDOWS.equals(of(id));
    }
}
