// Tests the RFC 5952 canonical IPv6 text used for TCP table endpoints.
package bindlab.agent.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Ipv6TextTest {

    @Test
    void compressesTheLongestZeroRun() {
        assertThat(text(0, 0, 0, 0, 0, 0, 0, 0)).isEqualTo("::");
        assertThat(text(0, 0, 0, 0, 0, 0, 0, 1)).isEqualTo("::1");
        assertThat(text(0xfe80, 0, 0, 0, 0, 0, 0, 1)).isEqualTo("fe80::1");
        assertThat(text(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0)).isEqualTo("2001:db8::");
        assertThat(text(0x2001, 0xdb8, 0, 0, 1, 0, 0, 0)).as("the longer run wins").isEqualTo("2001:db8:0:0:1::");
        assertThat(text(0x2001, 0xdb8, 0, 0, 1, 0, 0, 1)).as("first of equal runs").isEqualTo("2001:db8::1:0:0:1");
    }

    @Test
    void leavesASingleZeroGroupAlone() {
        assertThat(text(0x2001, 0xdb8, 0, 1, 1, 1, 1, 1)).isEqualTo("2001:db8:0:1:1:1:1:1");
    }

    @Test
    void writesHexLowercaseWithoutLeadingZeros() {
        assertThat(text(0x2001, 0x0DB8, 0x00AB, 1, 2, 3, 4, 0xFFFF)).isEqualTo("2001:db8:ab:1:2:3:4:ffff");
    }

    @Test
    void writesV4MappedAddressesWithADottedTail() {
        assertThat(text(0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201)).isEqualTo("::ffff:192.0.2.1");
    }

    @Test
    void rejectsWrongLengths() {
        assertThatThrownBy(() -> Ipv6Text.format(new byte[4])).isInstanceOf(IllegalArgumentException.class);
    }

    private static String text(int... groups) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[2 * i] = (byte) (groups[i] >>> 8);
            b[2 * i + 1] = (byte) groups[i];
        }
        return Ipv6Text.format(b);
    }
}
