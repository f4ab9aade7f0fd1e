// Tests the WSA code to portable name mapping, and the Winsock numbers for the proto's options and directions.
package bindlab.agent.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.agent.jna.windows.Ws2_32;
import bindlab.proto.v1.Family;
import bindlab.proto.v1.ShutdownHow;
import bindlab.proto.v1.SockOption;
import org.junit.jupiter.api.Test;

class WsaErrorsTest {

    @Test
    void mapsTheCodesTheProbeMeetsToPosixNames() {
        assertThat(WsaErrors.portableName(10048)).isEqualTo("EADDRINUSE");
        assertThat(WsaErrors.portableName(10013)).isEqualTo("EACCES");
        assertThat(WsaErrors.portableName(10022)).isEqualTo("EINVAL");
        assertThat(WsaErrors.portableName(10061)).isEqualTo("ECONNREFUSED");
        assertThat(WsaErrors.portableName(10060)).isEqualTo("ETIMEDOUT");
        assertThat(WsaErrors.portableName(10054)).isEqualTo("ECONNRESET");
        assertThat(WsaErrors.portableName(10049)).isEqualTo("EADDRNOTAVAIL");
        assertThat(WsaErrors.portableName(10042)).isEqualTo("ENOPROTOOPT");
        assertThat(WsaErrors.portableName(10035)).isEqualTo("EAGAIN");
        assertThat(WsaErrors.portableName(10036)).isEqualTo("EINPROGRESS");
        assertThat(WsaErrors.portableName(10038)).isEqualTo("ENOTSOCK");
        assertThat(WsaErrors.portableName(10047)).isEqualTo("EAFNOSUPPORT");
        assertThat(WsaErrors.portableName(10057)).isEqualTo("ENOTCONN");
        assertThat(WsaErrors.portableName(10056)).isEqualTo("EISCONN");
        assertThat(WsaErrors.portableName(10065)).isEqualTo("EHOSTUNREACH");
        assertThat(WsaErrors.portableName(10051)).isEqualTo("ENETUNREACH");
        assertThat(WsaErrors.portableName(10014)).isEqualTo("EFAULT");
        assertThat(WsaErrors.portableName(10024)).isEqualTo("EMFILE");
    }

    @Test
    void agreesWithTheWs2_32Constants() {
        assertThat(WsaErrors.portableName(Ws2_32.WSAEADDRINUSE)).isEqualTo("EADDRINUSE");
        assertThat(WsaErrors.portableName(Ws2_32.WSAEACCES)).isEqualTo("EACCES");
        assertThat(WsaErrors.portableName(Ws2_32.WSAECONNREFUSED)).isEqualTo("ECONNREFUSED");
        assertThat(WsaErrors.portableName(Ws2_32.WSAEWOULDBLOCK)).isEqualTo("EAGAIN");
    }

    @Test
    void windowsOnlyCodesKeepTheirNames() {
        assertThat(WsaErrors.portableName(10093)).isEqualTo("WSANOTINITIALISED");
        assertThat(WsaErrors.windowsName(10093)).isEqualTo("WSANOTINITIALISED");
    }

    @Test
    void unknownCodesAreNamedByNumber() {
        assertThat(WsaErrors.portableName(12345)).isEqualTo("WSA12345");
        assertThat(WsaErrors.windowsName(12345)).isEqualTo("WSA12345");
    }

    @Test
    void windowsNamesAreTheWinerrorNames() {
        assertThat(WsaErrors.windowsName(10048)).isEqualTo("WSAEADDRINUSE");
        assertThat(WsaErrors.windowsName(10013)).isEqualTo("WSAEACCES");
        assertThat(WsaErrors.windowsName(10035)).isEqualTo("WSAEWOULDBLOCK");
    }

    @Test
    void optionsMapToLevelAndName() {
        assertThat(WinsockCodes.option(SockOption.REUSEADDR).name).isEqualTo(4);
        assertThat(WinsockCodes.option(SockOption.EXCLUSIVEADDRUSE).name).isEqualTo(-5);
        assertThat(WinsockCodes.option(SockOption.EXCLUSIVEADDRUSE).level).isEqualTo(0xffff);
        assertThat(WinsockCodes.option(SockOption.LINGER).name).isEqualTo(0x80);
        assertThat(WinsockCodes.option(SockOption.V6ONLY).level).isEqualTo(41);
        assertThat(WinsockCodes.option(SockOption.V6ONLY).name).isEqualTo(27);
    }

    @Test
    void reusePortAndUnsetOptionsAreUnsupported() {
        assertThat(WinsockCodes.option(SockOption.REUSEPORT)).isNull();
        assertThat(WinsockCodes.whyUnsupported(SockOption.REUSEPORT)).contains("no SO_REUSEPORT");
        assertThat(WinsockCodes.option(SockOption.SOCK_OPTION_UNSPECIFIED)).isNull();
        assertThat(WinsockCodes.option(SockOption.UNRECOGNIZED)).isNull();
    }

    @Test
    void familiesAndShutdownDirectionsMap() {
        assertThat(WinsockCodes.addressFamily(Family.INET)).isEqualTo(2);
        assertThat(WinsockCodes.addressFamily(Family.INET6)).isEqualTo(23);
        assertThat(WinsockCodes.addressFamily(Family.FAMILY_UNSPECIFIED)).isEqualTo(-1);
        assertThat(WinsockCodes.shutdownHow(ShutdownHow.SHUT_RD)).isEqualTo(0);
        assertThat(WinsockCodes.shutdownHow(ShutdownHow.SHUT_WR)).isEqualTo(1);
        assertThat(WinsockCodes.shutdownHow(ShutdownHow.SHUT_RDWR)).isEqualTo(2);
        assertThat(WinsockCodes.shutdownHow(ShutdownHow.SHUTDOWN_HOW_UNSPECIFIED)).isEqualTo(-1);
    }
}
