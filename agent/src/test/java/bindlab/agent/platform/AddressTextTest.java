// Tests the one address text the agent writes: dotted IPv4 and RFC 5952 canonical IPv6, for rows and step results.
package bindlab.agent.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressTextTest {

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
        assertThatThrownBy(() -> AddressText.format(new byte[5])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesIpv4Dotted() {
        assertThat(AddressText.format(new byte[] {(byte) 198, 18, 0, 2})).isEqualTo("198.18.0.2");
        assertThat(AddressText.format(new byte[4])).isEqualTo("0.0.0.0");
    }

    /** java.net would write 0:0:0:0:0:0:0:1 and turn a v4-mapped address into plain IPv4. */
    @Test
    void writesJavaNetAddressesCanonically() throws Exception {
        assertThat(AddressText.of(InetAddress.getByName("0:0:0:0:0:0:0:1"))).isEqualTo("::1");
        assertThat(AddressText.of(InetAddress.getByName("::"))).isEqualTo("::");
        assertThat(AddressText.of(InetAddress.getByName("2001:2:0:0:0:0:0:3"))).isEqualTo("2001:2::3");
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 198;
        mapped[13] = 18;
        mapped[15] = 3;
        assertThat(AddressText.of(Inet6Address.getByAddress(null, mapped, -1))).isEqualTo("::ffff:198.18.0.3");
    }

    private static String text(int... groups) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[2 * i] = (byte) (groups[i] >>> 8);
            b[2 * i + 1] = (byte) groups[i];
        }
        return AddressText.format(b);
    }
}
