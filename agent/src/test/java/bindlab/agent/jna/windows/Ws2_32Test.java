// Checks the Winsock constants and that the bindings load their DLL only on first use, never on Linux class loading.
package bindlab.agent.jna.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.sun.jna.Native;
import org.junit.jupiter.api.Test;

class Ws2_32Test {

    @Test
    void constantsHaveTheirWinsockValues() {
        assertThat(Ws2_32.SO_EXCLUSIVEADDRUSE).isEqualTo(-5);
        assertThat(Ws2_32.FIONBIO).isEqualTo((int) 0x8004667EL);
        assertThat(Ws2_32.SOL_SOCKET).isEqualTo(0xffff);
        assertThat(Ws2_32.SO_LINGER).isEqualTo(0x80);
        assertThat(Ws2_32.SO_ERROR).isEqualTo(0x1007);
        assertThat(Ws2_32.AF_INET6).isEqualTo(23);
        assertThat(Ws2_32.IPV6_V6ONLY).isEqualTo(27);
        assertThat(Ws2_32.WINSOCK_2_2 & 0xff).as("major version in the low byte").isEqualTo(2);
        assertThat(Ws2_32.POLLRDNORM).isEqualTo((short) 0x0100);
        assertThat(Ws2_32.POLLWRNORM).isEqualTo((short) 0x0010);
        assertThat(Ws2_32.POLLERR).isEqualTo((short) 0x0001);
        assertThat(Ws2_32.POLLHUP).isEqualTo((short) 0x0002);
    }

    @Test
    void initialisingTheBindingInterfacesLoadsNoDll() throws Exception {
        ClassLoader loader = getClass().getClassLoader();
        assertThat(Class.forName(Ws2_32.class.getName(), true, loader)).isNotNull();
        assertThat(Class.forName(Ntdll.class.getName(), true, loader)).isNotNull();
    }

    /** On Linux the first lib() call is where the load happens, and it fails: proof that nothing loaded earlier. */
    @Test
    void theDllLoadsOnFirstUseOnly() {
        assumeFalse(System.getProperty("os.name", "").toLowerCase().startsWith("windows"));
        assertThatThrownBy(Ws2_32::lib).isInstanceOf(LinkageError.class);
        assertThatThrownBy(Ntdll::lib).isInstanceOf(LinkageError.class);
    }

    @Test
    void invalidSocketIsAllOnesAtThePointerWidth() {
        assertThat(SocketHandle.invalidSocket(8)).isEqualTo(-1L);
        assertThat(SocketHandle.invalidSocket(4)).isEqualTo(0xFFFFFFFFL);
        assertThat(new SocketHandle(SocketHandle.invalidSocket(Native.POINTER_SIZE)).isInvalid()).isTrue();
        assertThat(new SocketHandle(0x2A4).isInvalid()).isFalse();
        assertThat(new SocketHandle(0x2A4).longValue()).isEqualTo(0x2A4);
        assertThat(new SocketHandle().longValue()).isZero();
    }
}
