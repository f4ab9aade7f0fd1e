// The pure decisions behind the Windows host identity (names, arch, paths, version text), testable on any OS.
package bindlab.agent.platform.windows;

import java.util.Locale;

final class HostIdentityRules {
    /** The first Windows 11 build; its registry ProductName still says "Windows 10". */
    static final int FIRST_WINDOWS_11_BUILD = 22000;
    /** Windows 10 1507, the first build that keeps its update build revision (UBR) in the registry. */
    static final int FIRST_BUILD_WITH_UBR = 10240;

    private HostIdentityRules() {
    }

    /**
     * Windows 11 kept "Windows 10 ..." in HKLM ProductName, so a Windows 11 client would be reported as Windows 10.
     * Servers are named correctly and are left alone.
     */
    static String osName(String productName, int build, boolean server) {
        if (productName == null) {
            return "";
        }
        if (!server && build >= FIRST_WINDOWS_11_BUILD && productName.startsWith("Windows 10")) {
            return "Windows 11" + productName.substring("Windows 10".length());
        }
        return productName;
    }

    /** DisplayVersion (20H2 on), else ReleaseId (1511..2009), else the service pack text (Vista, 7). */
    static String displayVersion(String displayVersion, String releaseId, String csdVersion) {
        for (String candidate : new String[] {displayVersion, releaseId, csdVersion}) {
            if (candidate != null && !candidate.trim().isEmpty()) {
                return candidate.trim();
            }
        }
        return "";
    }

    /**
     * The OS's architecture, not the JVM's: a 32-bit JVM on 64-bit Windows sees PROCESSOR_ARCHITECTURE=x86 and
     * PROCESSOR_ARCHITEW6432=AMD64 (or ARM64). Falls back to os.arch when the environment says nothing.
     */
    static String arch(String processorArchitecture, String processorArchiteW6432, String osArch) {
        String raw = notBlank(processorArchiteW6432) ? processorArchiteW6432
                : notBlank(processorArchitecture) ? processorArchitecture : osArch;
        if (!notBlank(raw)) {
            return "";
        }
        String a = raw.trim().toLowerCase(Locale.ROOT);
        if (a.equals("amd64") || a.equals("x86_64") || a.equals("x64")) {
            return "amd64";
        }
        if (a.equals("x86") || a.equals("i386") || a.equals("i686")) {
            return "x86";
        }
        if (a.equals("arm64") || a.equals("aarch64")) {
            return "aarch64";
        }
        return a;
    }

    /** A 32-bit process on 64-bit Windows (WOW64): only there is PROCESSOR_ARCHITEW6432 set. */
    static boolean isWow64(String processorArchiteW6432) {
        return notBlank(processorArchiteW6432);
    }

    /**
     * A WOW64 process asking for System32 is redirected to SysWOW64, which holds no drivers; the Sysnative alias
     * (Vista and later) reaches the real System32.
     */
    static String driverPath(String systemRoot, boolean wow64, String file) {
        String root = notBlank(systemRoot) ? systemRoot.trim() : "C:\\Windows";
        if (root.endsWith("\\")) {
            root = root.substring(0, root.length() - 1);
        }
        return root + (wow64 ? "\\Sysnative" : "\\System32") + "\\drivers\\" + file;
    }

    /** Why ubr is 0: expected before Windows 10; from build 10240 on the registry should have had it. */
    static String missingUbrNote(int build) {
        if (build >= FIRST_BUILD_WITH_UBR) {
            return "no UBR in the registry, although Windows 10 and later (build " + FIRST_BUILD_WITH_UBR
                    + " on) keep one there: ubr left 0, this host's patch level is unknown";
        }
        if (build > 0) {
            return "no UBR in the registry (Windows before 10, build < " + FIRST_BUILD_WITH_UBR + ", has none): ubr left 0";
        }
        return "no UBR in the registry and no build number: ubr left 0";
    }

    /** VS_FIXEDFILEINFO's dwFileVersionMS/LS as "a.b.c.d" (each half is HIWORD.LOWORD). */
    static String fileVersion(int versionMs, int versionLs) {
        return (versionMs >>> 16) + "." + (versionMs & 0xffff) + "." + (versionLs >>> 16) + "." + (versionLs & 0xffff);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.trim().isEmpty();
    }
}
