// Tests that Platforms names the Windows backend for Windows, and that nothing Windows-only loads natives on Linux.
package bindlab.agent.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import bindlab.agent.platform.Platform;
import bindlab.agent.platform.Platforms;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

class PlatformSelectionTest {
    private static final String WINDOWS_BACKEND = "bindlab.agent.platform.windows.WindowsPlatform";
    private static final String LINUX_BACKEND = "bindlab.agent.platform.linux.LinuxPlatform";

    @Test
    void windowsOsNamesSelectThisBackend() {
        assertThat(Platforms.backendFor("Windows 10")).isEqualTo(WINDOWS_BACKEND);
        assertThat(Platforms.backendFor("Windows Server 2008")).isEqualTo(WINDOWS_BACKEND);
        assertThat(Platforms.backendFor("Windows Vista")).isEqualTo(WINDOWS_BACKEND);
    }

    /** Platforms names the class by string; this checks the string matches a real class without initialising it. */
    @Test
    void theNamedClassExistsWithAPublicNoArgConstructor() throws Exception {
        Class<?> c = Class.forName(WINDOWS_BACKEND, false, getClass().getClassLoader());
        assertThat(Platform.class).isAssignableFrom(c);
        assertThat(Modifier.isPublic(c.getConstructor().getModifiers())).isTrue();
    }

    /** Static initialisers must not reach for ws2_32, ntdll or iphlpapi: Linux would fail right here. */
    @Test
    void everyWindowsClassInitialisesOnLinux() throws Exception {
        String[] classes = {WINDOWS_BACKEND, "bindlab.agent.platform.windows.WinsockSocketApi",
            "bindlab.agent.platform.windows.WindowsTcpTable", "bindlab.agent.platform.windows.WindowsHostIdentity",
            "bindlab.agent.platform.windows.WindowsPacketFilter", "bindlab.agent.jna.windows.Ws2_32",
            "bindlab.agent.jna.windows.Ntdll"};
        for (String name : classes) {
            assertThat(Class.forName(name, true, getClass().getClassLoader())).as(name).isNotNull();
        }
    }

    @Test
    void linuxGetsANonWindowsBackend() {
        assumeThat(System.getProperty("os.name", "").toLowerCase()).startsWith("linux");
        assumeThat(classExists(LINUX_BACKEND)).as("the Linux backend exists yet").isTrue();
        Platform current = Platforms.current();
        assertThat(current.getClass().getName()).isEqualTo(LINUX_BACKEND).isNotEqualTo(WINDOWS_BACKEND);
    }

    private boolean classExists(String name) {
        try {
            Class.forName(name, false, getClass().getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
