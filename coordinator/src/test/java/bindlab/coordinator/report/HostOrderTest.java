// Host ordering: family, then Windows build and UBR or Linux kernel numbers, then tcpip.sys version.
package bindlab.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.proto.v1.HostIdentity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostOrderTest {
    private static HostIdentity win(String version, int ubr, String tcpip) {
        HostIdentity.Builder b = HostIdentity.newBuilder().setOsFamily("windows").setOsVersion(version).setUbr(ubr);
        if (tcpip != null) {
            b.putStackFiles("tcpip.sys", tcpip);
        }
        return b.build();
    }

    @Test
    void windowsByBuildThenUbrThenStackThenLinuxByKernel() {
        HostIdentity vista = win("6.0.6002", 0, null);
        HostIdentity seven = win("6.1.7601", 0, null);
        HostIdentity w10a = win("10.0.19045", 3803, "10.0.19041.3800");
        HostIdentity w10b = win("10.0.19045", 5000, "10.0.19041.4900");
        HostIdentity w10c = win("10.0.19045", 5000, "10.0.19041.5000");
        HostIdentity w11 = win("10.0.22631", 0, null);
        HostIdentity s2025 = win("10.0.26100", 0, null);
        HostIdentity linuxOld = HostIdentity.newBuilder().setOsFamily("linux").setOsVersion("5.10.0-28-amd64").build();
        HostIdentity linuxNew = HostIdentity.newBuilder().setOsFamily("linux").setOsVersion("6.1.0-18-amd64").build();
        List<HostIdentity> all = new ArrayList<>(List.of(s2025, linuxNew, w10c, vista, w11, w10a, linuxOld, seven, w10b));
        all.sort(HostOrder.IDENTITY);
        assertThat(all).containsExactly(linuxOld, linuxNew, vista, seven, w10a, w10b, w10c, w11, s2025);
    }

    @Test
    void numbersAreRunsOfDigits() {
        assertThat(HostOrder.numbers("6.1.0-18-amd64")).containsExactly(6L, 1L, 0L, 18L, 64L);
        assertThat(HostOrder.numbers("")).isEmpty();
    }
}
