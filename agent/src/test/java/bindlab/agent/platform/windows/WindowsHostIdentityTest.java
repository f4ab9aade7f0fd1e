// Runs the Windows identity reader where every Windows call fails (Linux): it must still answer, with notes; and
// with Wine detected, it answers as Wine.
package bindlab.agent.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import bindlab.proto.v1.HostIdentity;
import org.junit.jupiter.api.Test;

class WindowsHostIdentityTest {

    /** ntdll, advapi32, version.dll and netsh are all missing here: each failure must become a note. */
    @Test
    void readNeverThrowsAndExplainsEveryGap() {
        assumeFalse(System.getProperty("os.name", "").toLowerCase().startsWith("windows"));
        HostIdentity id = new WindowsHostIdentity(null, ExcludedPorts.fromNetsh()).read();
        assertThat(id.getOsFamily()).isEqualTo("windows");
        assertThat(id.getOsVersion()).as("falls back to os.version").isNotEmpty();
        assertThat(id.getJvmVersion()).contains(System.getProperty("java.version"));
        assertThat(id.getArch()).isNotEmpty();
        assertThat(id.getStackFilesMap()).isEmpty();
        assertThat(id.getNotesList())
                .anyMatch(n -> n.startsWith("version:"))
                .anyMatch(n -> n.startsWith("registry:"))
                .anyMatch(n -> n.startsWith("tcpip.sys:"))
                .anyMatch(n -> n.startsWith("afd.sys:"))
                .anyMatch(n -> n.startsWith("excluded port ranges could not be read"));
    }

    @Test
    void underWineTheReaderAnswersAsWineAndSkipsWhatWineLacks() {
        assumeFalse(System.getProperty("os.name", "").toLowerCase().startsWith("windows"));
        bindlab.agent.jna.windows.Wine wine = new bindlab.agent.jna.windows.Wine("8.0", "wine-8.0", "Linux 6.1");
        HostIdentity id = new WindowsHostIdentity(wine, ExcludedPorts.notAvailable("not available under Wine")).read();
        assertThat(id.getOsFamily()).isEqualTo("wine");
        assertThat(id.getWineVersion()).isEqualTo("8.0");
        assertThat(id.getNotesList()).noneMatch(n -> n.startsWith("tcpip.sys") || n.startsWith("excluded port ranges"));
    }
}
