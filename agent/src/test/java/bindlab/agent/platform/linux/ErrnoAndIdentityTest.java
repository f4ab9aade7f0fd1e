// errno names, os-release parsing, and platform selection.
package bindlab.agent.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bindlab.agent.platform.Platforms;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrnoAndIdentityTest {

    @Test
    void errnoNames() {
        assertThat(Errno.name(98)).isEqualTo("EADDRINUSE");
        assertThat(Errno.name(13)).isEqualTo("EACCES");
        assertThat(Errno.name(22)).isEqualTo("EINVAL");
        assertThat(Errno.name(111)).isEqualTo("ECONNREFUSED");
        assertThat(Errno.name(4242)).isEqualTo("ERRNO_4242");
    }

    @Test
    void osReleaseQuotingAndComments() {
        Map<String, String> m = LinuxHostIdentity.parseOsRelease(
                "# comment\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_ID='12'\nID=debian\n\nBROKEN\n");
        assertThat(m).containsEntry("PRETTY_NAME", "Debian GNU/Linux 12 (bookworm)")
                .containsEntry("VERSION_ID", "12").containsEntry("ID", "debian").doesNotContainKey("BROKEN");
    }

    @Test
    void realIdentityOnThisHost() {
        bindlab.proto.v1.HostIdentity id = new LinuxHostIdentity().read();
        assertThat(id.getOsFamily()).isEqualTo("linux");
        assertThat(id.getOsVersion()).isNotEmpty();
        assertThat(id.getArch()).isNotEmpty();
        assertThat(id.getJvmVersion()).contains(System.getProperty("java.version"));
    }

    @Test
    void platformSelection() {
        assertThat(Platforms.backendFor("Linux")).endsWith("linux.LinuxPlatform");
        assertThat(Platforms.backendFor("Windows Vista")).endsWith("windows.WindowsPlatform");
        assertThat(Platforms.backendFor("Windows 11")).endsWith("windows.WindowsPlatform");
        assertThatThrownBy(() -> Platforms.backendFor("Mac OS X")).hasMessageContaining("Mac OS X");
        assertThat(Platforms.current().name()).isEqualTo("linux");
    }
}
