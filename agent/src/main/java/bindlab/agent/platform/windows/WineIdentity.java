// Turns what the Windows backend reads under Wine into a Wine identity: family "wine", Wine's version and host, and
// no Windows version in any Windows field, so no report can take a Wine host for the Windows it impersonates.
package bindlab.agent.platform.windows;

import bindlab.agent.jna.windows.Wine;
import bindlab.proto.v1.HostIdentity;

final class WineIdentity {
    /** What Wine cannot provide, said once in the identity (selftest says the same per check). */
    static final String NOT_AVAILABLE = "not available under Wine: UBR, EditionID and DisplayVersion (Wine's registry"
            + " has none), tcpip.sys/afd.sys file versions (no driver files), excluded port ranges (netsh is a stub),"
            + " owner PIDs in the TCP table (wineserver holds the sockets, dwOwningPid is 0)";

    private WineIdentity() {
    }

    /** windowsView: the identity as read through the Windows calls (what Wine pretends to be). */
    static HostIdentity of(HostIdentity windowsView, Wine wine) {
        String impersonated = (windowsView.getOsVersion() + " " + windowsView.getOsName()).trim();
        HostIdentity.Builder id = HostIdentity.newBuilder()
                .setOsFamily("wine")
                .setOsName(name(wine))
                .setOsVersion(wine.version)
                .setWineVersion(wine.version)
                .setWineHost(wine.host)
                .setWineWindowsVersion(impersonated)
                .setArch(windowsView.getArch())
                .setJvmVersion(windowsView.getJvmVersion())
                .setHostname(windowsView.getHostname());
        id.addNotes("Wine " + wine.version + (wine.host.isEmpty() ? "" : " on " + wine.host) + " runs the Windows"
                + " backend: its socket rules are Wine's, not evidence about any Windows version; it impersonates"
                + " Windows " + (impersonated.isEmpty() ? "(unknown)" : impersonated) + ", a winecfg setting");
        id.addNotes(NOT_AVAILABLE);
        for (String note : windowsView.getNotesList()) {
            if (!note.startsWith("no ") && !note.startsWith("registry ProductName")) { // registry gaps: said above
                id.addNotes(note);
            }
        }
        return id.build();
    }

    /** "Wine 8.0 (Debian 8.0~repack-4)" from the build id "wine-8.0 (Debian 8.0~repack-4)"; else "Wine 8.0". */
    static String name(Wine wine) {
        String build = wine.buildId.startsWith("wine-") ? wine.buildId.substring("wine-".length()) : "";
        return "Wine " + (build.startsWith(wine.version) ? build : wine.version);
    }
}
