// Tests the table of known Windows builds: names, lookups, and the ambiguous "21H2".
package bindlab.winver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WindowsReleasesTest {

    @Test
    void namesAVersionForTheCoordinator() {
        assertThat(WindowsReleases.describe(WindowsVersion.parse("10.0.19045"))).isEqualTo("10.0.19045 = Windows 10 22H2");
        assertThat(WindowsReleases.describe(WindowsVersion.parse("10.0.19045.5000")))
                .isEqualTo("10.0.19045 = Windows 10 22H2");
        assertThat(WindowsReleases.describe(WindowsVersion.parse("10.0.99999"))).isEqualTo("10.0.99999 = unknown build");
    }

    @Test
    void knowsEveryBuildInTheFacts() {
        int[] builds = {6002, 6003, 7601, 9200, 9600, 10240, 10586, 14393, 15063, 16299, 17134, 17763, 18362, 18363,
            19041, 19042, 19043, 19044, 19045, 20348, 22000, 22621, 22631, 26100};
        for (int build : builds) {
            assertThat(WindowsReleases.forBuild(build)).as("build " + build).isNotNull();
        }
        assertThat(WindowsReleases.all()).hasSize(builds.length);
        assertThat(WindowsReleases.all()).extracting(WindowsRelease::build).isSorted();
    }

    @Test
    void clientAndServerNames() {
        assertThat(WindowsReleases.forBuild(6002).name()).isEqualTo("Windows Vista SP2 / Windows Server 2008 SP2");
        assertThat(WindowsReleases.forBuild(6003).serverName()).isEqualTo("Windows Server 2008 SP2");
        assertThat(WindowsReleases.forBuild(7601).version()).isEqualTo(WindowsVersion.parse("6.1.7601"));
        assertThat(WindowsReleases.forBuild(9600).name(true)).isEqualTo("Windows Server 2012 R2");
        assertThat(WindowsReleases.forBuild(14393).name()).isEqualTo("Windows 10 1607 / Windows Server 2016");
        assertThat(WindowsReleases.forBuild(14393).name(true)).isEqualTo("Windows Server 2016");
        assertThat(WindowsReleases.forBuild(17763).name(false)).isEqualTo("Windows 10 1809");
        assertThat(WindowsReleases.forBuild(19041).clientName()).isEqualTo("Windows 10 2004");
        assertThat(WindowsReleases.forBuild(22631).clientName()).isEqualTo("Windows 11 23H2");
        assertThat(WindowsReleases.forBuild(26100).name()).isEqualTo("Windows 11 24H2 / Windows Server 2025");
    }

    @Test
    void serverOnlyBuildsFallBackToTheServerName() {
        WindowsRelease server2022 = WindowsReleases.forBuild(20348);
        assertThat(server2022.clientName()).isNull();
        assertThat(server2022.name(false)).isEqualTo("Windows Server 2022");
        assertThat(server2022.name()).isEqualTo("Windows Server 2022");
    }

    @Test
    void twentyOneH2IsAmbiguousUntilTheBuildIsKnown() {
        List<WindowsRelease> all21H2 = WindowsReleases.withDisplayVersion("21H2");
        assertThat(all21H2).extracting(WindowsRelease::build).containsExactly(19044, 20348, 22000);
        assertThat(WindowsReleases.resolve("21H2", 19044).clientName()).isEqualTo("Windows 10 21H2");
        assertThat(WindowsReleases.resolve("21H2", 20348).serverName()).isEqualTo("Windows Server 2022");
        assertThat(WindowsReleases.resolve("21H2", 22000).clientName()).isEqualTo("Windows 11 21H2");
        assertThat(WindowsReleases.resolve("21h2", 22000)).isNotNull();
        assertThat(WindowsReleases.resolve("21H2", 19045)).as("22H2's build is not a 21H2").isNull();
    }

    @Test
    void versionLookupChecksMajorAndMinorToo() {
        assertThat(WindowsReleases.forVersion(WindowsVersion.parse("6.1.7601.24544")).clientName())
                .isEqualTo("Windows 7 SP1");
        assertThat(WindowsReleases.forVersion(WindowsVersion.parse("6.1.19045"))).isNull();
        assertThat(WindowsReleases.forBuild(12345)).isNull();
        assertThat(WindowsReleases.withDisplayVersion("")).isEmpty();
    }
}
