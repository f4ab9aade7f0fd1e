// Tests the pure decisions behind the Windows host identity: names, display version, arch, driver paths, versions.
package bindlab.agent.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostIdentityRulesTest {

    @Test
    void windows11ClientsAreNotReportedAsWindows10() {
        assertThat(HostIdentityRules.osName("Windows 10 Pro", 22631, false)).isEqualTo("Windows 11 Pro");
        assertThat(HostIdentityRules.osName("Windows 10 Pro", 19045, false)).isEqualTo("Windows 10 Pro");
        assertThat(HostIdentityRules.osName("Windows Server 2025 Standard", 26100, true))
                .isEqualTo("Windows Server 2025 Standard");
        assertThat(HostIdentityRules.osName("Windows 7 Professional", 7601, false)).isEqualTo("Windows 7 Professional");
        assertThat(HostIdentityRules.osName(null, 19045, false)).isEmpty();
    }

    @Test
    void displayVersionFallsBackToReleaseIdThenServicePack() {
        assertThat(HostIdentityRules.displayVersion("22H2", "2009", "")).isEqualTo("22H2");
        assertThat(HostIdentityRules.displayVersion(null, "1809", "")).isEqualTo("1809");
        assertThat(HostIdentityRules.displayVersion(null, null, "Service Pack 1")).isEqualTo("Service Pack 1");
        assertThat(HostIdentityRules.displayVersion(" ", null, null)).isEmpty();
    }

    @Test
    void archIsTheOperatingSystemsNotTheJvms() {
        assertThat(HostIdentityRules.arch("AMD64", null, "amd64")).isEqualTo("amd64");
        assertThat(HostIdentityRules.arch("x86", "AMD64", "x86")).as("32-bit JVM on x64").isEqualTo("amd64");
        assertThat(HostIdentityRules.arch("x86", "ARM64", "x86")).isEqualTo("aarch64");
        assertThat(HostIdentityRules.arch("x86", null, "x86")).isEqualTo("x86");
        assertThat(HostIdentityRules.arch(null, null, "amd64")).isEqualTo("amd64");
        assertThat(HostIdentityRules.arch(null, null, null)).isEmpty();
    }

    @Test
    void wow64ReadsDriversThroughSysnative() {
        assertThat(HostIdentityRules.isWow64("AMD64")).isTrue();
        assertThat(HostIdentityRules.isWow64(null)).isFalse();
        assertThat(HostIdentityRules.driverPath("C:\\Windows", false, "tcpip.sys"))
                .isEqualTo("C:\\Windows\\System32\\drivers\\tcpip.sys");
        assertThat(HostIdentityRules.driverPath("C:\\WINDOWS\\", true, "afd.sys"))
                .isEqualTo("C:\\WINDOWS\\Sysnative\\drivers\\afd.sys");
        assertThat(HostIdentityRules.driverPath(null, false, "afd.sys"))
                .isEqualTo("C:\\Windows\\System32\\drivers\\afd.sys");
    }

    @Test
    void fileVersionIsFourUnsignedWords() {
        assertThat(HostIdentityRules.fileVersion(0x000A0000, 0x4A651388)).isEqualTo("10.0.19045.5000");
        assertThat(HostIdentityRules.fileVersion(0x00060001, 0x1DB1FFFF)).isEqualTo("6.1.7601.65535");
        assertThat(HostIdentityRules.fileVersion(0xFFFF0000, 0)).isEqualTo("65535.0.0.0");
    }

    /** Windows 10 and later keep a UBR: its absence there is not "Windows before 10". */
    @Test
    void theMissingUbrNoteDependsOnTheBuild() {
        assertThat(HostIdentityRules.missingUbrNote(7601)).contains("Windows before 10");
        assertThat(HostIdentityRules.missingUbrNote(10240)).doesNotContain("before 10").contains("patch level is unknown");
        assertThat(HostIdentityRules.missingUbrNote(22631)).doesNotContain("before 10");
        assertThat(HostIdentityRules.missingUbrNote(0)).contains("no build number");
    }
}
