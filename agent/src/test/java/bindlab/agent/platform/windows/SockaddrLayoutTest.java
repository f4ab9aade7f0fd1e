// Checks sockaddr_in/sockaddr_in6 sizes and that the shared Sockaddr codec writes Windows' AF_INET6 (23).
package bindlab.agent.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.agent.jna.windows.CLayout;
import bindlab.agent.jna.windows.Ws2_32;
import bindlab.agent.platform.Sockaddr;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SockaddrLayoutTest {

    @Test
    void documentedSizes() {
        for (int ptr : new int[] {4, 8}) {
            CLayout in = CLayout.of("sockaddr_in", ptr).u16("sin_family").u16("sin_port").u32("sin_addr")
                    .array("sin_zero", 1, 8).build();
            CLayout in6 = CLayout.of("sockaddr_in6", ptr).u16("sin6_family").u16("sin6_port").u32("sin6_flowinfo")
                    .array("sin6_addr", 1, 16).u32("sin6_scope_id").build();
            assertThat(in.size()).isEqualTo(16).isEqualTo(Sockaddr.SIZE_IN);
            assertThat(in6.size()).isEqualTo(28).isEqualTo(Sockaddr.SIZE_IN6);
            assertThat(in6.offset("sin6_addr")).isEqualTo(8);
        }
    }

    @Test
    void encodesAndDecodesWithWindowsFamilyNumbers() throws Exception {
        Sockaddr codec = new Sockaddr(Ws2_32.AF_INET6);
        byte[] v6 = codec.encode(new InetSocketAddress(InetAddress.getByName("::1"), 8080));
        assertThat(v6).hasSize(28);
        assertThat(v6[0]).isEqualTo((byte) 23);
        assertThat(v6[1]).isZero();
        assertThat(v6[2]).isEqualTo((byte) 0x1F);
        assertThat(v6[3]).isEqualTo((byte) 0x90);
        assertThat(codec.decode(v6)).isEqualTo(new InetSocketAddress(InetAddress.getByName("::1"), 8080));
        byte[] v4 = codec.encode(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8080));
        assertThat(v4).hasSize(16);
        assertThat(v4[0]).isEqualTo((byte) Ws2_32.AF_INET);
    }
}
