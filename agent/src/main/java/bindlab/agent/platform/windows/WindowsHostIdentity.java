// Reads what this Windows host is: true version (RtlGetVersion), UBR and names (registry), stack file versions,
// and the excluded port ranges that would make a bind fail for reasons unrelated to the probe; under Wine, says so.
package bindlab.agent.platform.windows;

import bindlab.agent.jna.windows.Ntdll;
import bindlab.agent.jna.windows.RtlOsVersionInfoExW;
import bindlab.agent.jna.windows.Wine;
import bindlab.agent.platform.HostIdentityReader;
import bindlab.proto.v1.HostIdentity;
import bindlab.proto.v1.PortRange;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.VerRsrc;
import com.sun.jna.platform.win32.VersionUtil;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import java.util.ArrayList;
import java.util.List;

/**
 * Every step is guarded: whatever fails becomes a note, and read() never throws. Under Wine the same calls run (they
 * are what the Wine lane tests), then WineIdentity turns the answer into a Wine identity.
 */
public final class WindowsHostIdentity implements HostIdentityReader {
    private static final String CURRENT_VERSION = "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion";
    /** Read the 64-bit registry view even from a 32-bit JVM; ignored on 32-bit Windows. */
    private static final int VIEW_64 = WinNT.KEY_WOW64_64KEY;
    static final String[] STACK_FILES = {"tcpip.sys", "afd.sys"};

    private final Wine wine;
    private final ExcludedPorts excluded;

    /** wine: null on Windows. */
    public WindowsHostIdentity(Wine wine, ExcludedPorts excluded) {
        this.wine = wine;
        this.excluded = excluded;
    }

    @Override
    public HostIdentity read() {
        HostIdentity.Builder id = HostIdentity.newBuilder().setOsFamily("windows");
        List<String> notes = new ArrayList<String>();
        boolean server = guarded("version", notes, () -> readVersion(id, notes));
        if (id.getOsVersion().isEmpty()) {
            id.setOsVersion(System.getProperty("os.version", ""));
            notes.add("os_version is the JVM's os.version, which lacks the build number");
        }
        guarded("registry", notes, () -> readRegistry(id, notes, server));
        id.setHostname(computerName());
        id.setArch(HostIdentityRules.arch(System.getenv("PROCESSOR_ARCHITECTURE"),
                System.getenv("PROCESSOR_ARCHITEW6432"), System.getProperty("os.arch")));
        id.setJvmVersion(System.getProperty("java.version", "") + " (" + System.getProperty("java.vendor", "")
                + ", " + System.getProperty("os.arch", "") + ")");
        if (wine == null) {
            for (String file : STACK_FILES) {
                guarded(file, notes, () -> readStackFile(id, file));
            }
        }
        guarded("excluded port ranges", notes, () -> readExcludedPorts(id, notes));
        HostIdentity windowsView = id.addAllNotes(notes).build();
        return wine == null ? windowsView : WineIdentity.of(windowsView, wine);
    }

    /** A step of read(); returns its answer (used only by the version step: whether the host is a server). */
    private interface Step {
        boolean run() throws Exception;
    }

    private static boolean guarded(String what, List<String> notes, Step step) {
        try {
            return step.run();
        } catch (Exception | LinkageError e) {
            notes.add(what + ": could not be read (" + e + ")");
            return false;
        }
    }

    /** RtlGetVersion, because GetVersionEx reports 6.2 to processes without a Windows 8.1+ manifest (java.exe). */
    private static boolean readVersion(HostIdentity.Builder id, List<String> notes) {
        RtlOsVersionInfoExW info = new RtlOsVersionInfoExW();
        int status = Ntdll.lib().RtlGetVersion(info);
        if (status != Ntdll.STATUS_SUCCESS) {
            notes.add("RtlGetVersion failed with NTSTATUS 0x" + Integer.toHexString(status));
            return false;
        }
        id.setOsVersion(info.dwMajorVersion + "." + info.dwMinorVersion + "." + info.dwBuildNumber);
        id.setBuild(info.dwBuildNumber);
        id.setServer(info.isServer()); // "21H2" and build names differ between client and server releases
        id.setDisplayVersion(info.csdVersion()); // replaced by DisplayVersion/ReleaseId where the registry has one
        return info.isServer();
    }

    private static boolean readRegistry(HostIdentity.Builder id, List<String> notes, boolean server) {
        String product = registryString("ProductName", notes);
        id.setOsName(HostIdentityRules.osName(product, id.getBuild(), server));
        if (product != null && !product.equals(id.getOsName())) {
            notes.add("registry ProductName '" + product + "' names Windows 10 on a Windows 11 build; reported as '"
                    + id.getOsName() + "'");
        }
        String edition = registryString("EditionID", notes);
        id.setEdition(edition != null ? edition : "");
        id.setDisplayVersion(HostIdentityRules.displayVersion(registryString("DisplayVersion", null),
                registryString("ReleaseId", null), id.getDisplayVersion()));
        if (id.getDisplayVersion().isEmpty()) {
            notes.add("no DisplayVersion, ReleaseId or service pack: display_version left empty");
        }
        if (Advapi32Util.registryValueExists(WinReg.HKEY_LOCAL_MACHINE, CURRENT_VERSION, "UBR", VIEW_64)) {
            id.setUbr(Advapi32Util.registryGetIntValue(WinReg.HKEY_LOCAL_MACHINE, CURRENT_VERSION, "UBR", VIEW_64));
        } else {
            notes.add(HostIdentityRules.missingUbrNote(id.getBuild()));
        }
        return true;
    }

    /** A REG_SZ value under CurrentVersion, or null (noted when notes is given). */
    private static String registryString(String name, List<String> notes) {
        if (Advapi32Util.registryValueExists(WinReg.HKEY_LOCAL_MACHINE, CURRENT_VERSION, name, VIEW_64)) {
            return Advapi32Util.registryGetStringValue(WinReg.HKEY_LOCAL_MACHINE, CURRENT_VERSION, name, VIEW_64);
        }
        if (notes != null) {
            notes.add("no " + name + " in HKLM\\" + CURRENT_VERSION);
        }
        return null;
    }

    /** The NetBIOS computer name; COMPUTERNAME holds the same if the call fails. */
    private static String computerName() {
        try {
            return Kernel32Util.getComputerName();
        } catch (RuntimeException | LinkageError e) {
            String env = System.getenv("COMPUTERNAME");
            return env != null ? env : "";
        }
    }

    private static boolean readStackFile(HostIdentity.Builder id, String file) {
        String path = HostIdentityRules.driverPath(System.getenv("SystemRoot"),
                HostIdentityRules.isWow64(System.getenv("PROCESSOR_ARCHITEW6432")), file);
        VerRsrc.VS_FIXEDFILEINFO info = VersionUtil.getFileVersionInfo(path);
        id.putStackFiles(file, HostIdentityRules.fileVersion(info.dwFileVersionMS.intValue(),
                info.dwFileVersionLS.intValue()));
        return true;
    }

    /** The ranges ExcludedPorts read (the same ones bind checks); a read failure is a note. */
    private boolean readExcludedPorts(HostIdentity.Builder id, List<String> notes) {
        if (excluded.notAvailable() != null) {
            return false;
        }
        for (ExcludedPortRanges.Range r : excluded.ranges()) {
            id.addExcludedPorts(PortRange.newBuilder().setLow(r.start).setHigh(r.end));
        }
        if (excluded.problem() != null) {
            notes.add(excluded.problem());
            return false;
        }
        return true;
    }
}
