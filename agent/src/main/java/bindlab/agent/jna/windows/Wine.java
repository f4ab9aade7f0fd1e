// Whether this Windows process runs under Wine: Wine's ntdll exports wine_get_version (and friends) and real
// Windows' ntdll does not, so a missing export is the normal answer on Windows, never an error.
package bindlab.agent.jna.windows;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.ptr.PointerByReference;

/** What Wine says about itself: its version, its build id, and the host system under it. */
public final class Wine {
    /** "8.0". */
    public final String version;
    /** "wine-8.0 (Debian 8.0~repack-4)"; empty if Wine does not export it. */
    public final String buildId;
    /** The host OS under Wine, "Linux 6.1.0-18-amd64"; empty if Wine does not export it. */
    public final String host;

    public Wine(String version, String buildId, String host) {
        this.version = version;
        this.buildId = buildId == null ? "" : buildId;
        this.host = host == null ? "" : host;
    }

    /** Looks up one export of ntdll; throws UnsatisfiedLinkError when it is missing. */
    public interface Exports {
        String call(String export);
    }

    /** This process under Wine, or null on Windows (or when ntdll cannot be loaded at all, e.g. on Linux). */
    public static Wine detect() {
        final NativeLibrary ntdll;
        try {
            ntdll = NativeLibrary.getInstance("ntdll");
        } catch (UnsatisfiedLinkError e) {
            return null;
        }
        return from(export -> call(ntdll, export));
    }

    /** The decision itself, over any export lookup: Wine exactly when wine_get_version exists. */
    public static Wine from(Exports exports) {
        String version = optional(exports, "wine_get_version");
        if (version == null || version.isEmpty()) {
            return null;
        }
        return new Wine(version, optional(exports, "wine_get_build_id"), optional(exports, "wine_get_host_version"));
    }

    private static String optional(Exports exports, String export) {
        try {
            return exports.call(export);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
    }

    /**
     * const char *wine_get_version(void), const char *wine_get_build_id(void) and
     * void wine_get_host_version(const char **sysname, const char **release), all cdecl.
     */
    private static String call(NativeLibrary ntdll, String export) {
        Function f = ntdll.getFunction(export);
        if (export.equals("wine_get_host_version")) {
            PointerByReference sysname = new PointerByReference();
            PointerByReference release = new PointerByReference();
            f.invokeVoid(new Object[] {sysname, release});
            String sys = sysname.getValue() == null ? "" : sysname.getValue().getString(0);
            String rel = release.getValue() == null ? "" : release.getValue().getString(0);
            return (sys + " " + rel).trim();
        }
        return f.invokeString(new Object[0], false);
    }
}
