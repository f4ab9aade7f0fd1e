// A Wine host's identity: family "wine", Wine's version and host, no Windows version in any Windows field, and
// the Windows version Wine impersonates kept only as a labelled setting.
package bindlab.agent.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.agent.jna.windows.Wine;
import bindlab.proto.v1.HostIdentity;
import org.junit.jupiter.api.Test;

class WineIdentityTest {
    private static final Wine WINE = new Wine("8.0", "wine-8.0 (Debian 8.0~repack-4)", "Linux 6.18.44-fc-v669");

    /** What the Windows calls return under Wine 8.0 (captured from the agent's selftest under Wine). */
    static HostIdentity windowsView() {
        return HostIdentity.newBuilder().setOsFamily("windows").setOsName("Microsoft Windows 7")
                .setOsVersion("6.1.7601").setBuild(7601).setDisplayVersion("Service Pack 1").setArch("amd64")
                .setJvmVersion("1.8.0_121 (Oracle Corporation, amd64)").setHostname("VM")
                .addNotes("no EditionID in HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion")
                .addNotes(HostIdentityRules.missingUbrNote(7601)).build();
    }

    @Test
    void wineIsItsOwnFamilyWithNoWindowsVersion() {
        HostIdentity id = WineIdentity.of(windowsView(), WINE);
        assertThat(id.getOsFamily()).isEqualTo("wine");
        assertThat(id.getOsName()).isEqualTo("Wine 8.0 (Debian 8.0~repack-4)");
        assertThat(id.getOsVersion()).isEqualTo("8.0");
        assertThat(id.getWineVersion()).isEqualTo("8.0");
        assertThat(id.getWineHost()).isEqualTo("Linux 6.18.44-fc-v669");
        assertThat(id.getWineWindowsVersion()).isEqualTo("6.1.7601 Microsoft Windows 7");
        assertThat(id.getBuild()).isZero();
        assertThat(id.getUbr()).isZero();
        assertThat(id.getDisplayVersion()).isEmpty();
        assertThat(id.getServer()).isFalse();
        assertThat(id.getStackFilesMap()).isEmpty();
        assertThat(id.getArch()).isEqualTo("amd64");
    }

    @Test
    void notesSayWhatWineIsAndWhatItCannotProvide() {
        HostIdentity id = WineIdentity.of(windowsView(), WINE);
        assertThat(id.getNotesList()).anyMatch(n -> n.contains("not evidence about any Windows version"))
                .anyMatch(n -> n.startsWith("not available under Wine") && n.contains("owner PIDs"))
                .noneMatch(n -> n.startsWith("no UBR") || n.startsWith("no EditionID"));
    }

    @Test
    void aBuildIdOfAnotherShapeFallsBackToTheVersion() {
        assertThat(WineIdentity.name(new Wine("9.0", "", ""))).isEqualTo("Wine 9.0");
        assertThat(WineIdentity.name(new Wine("9.0", "wine-9.0-rc1", ""))).isEqualTo("Wine 9.0-rc1");
    }
}
