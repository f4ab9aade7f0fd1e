// JNA binding to the ws2_32.dll calls the Windows backend needs (jna-platform's Winsock2 maps only gethostname).
package bindlab.agent.jna.windows;

import com.sun.jna.Native;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * Winsock functions are WSAAPI (__stdcall on x86), hence StdCallLibrary. Only compile-time constants live here: the
 * DLL is loaded by {@link #lib()} through a holder class, so reading a constant on Linux never touches ws2_32.
 * Error codes: read {@code Native.getLastError()} right after a failed call (JNA saves GetLastError, which is what
 * WSAGetLastError returns); calling WSAGetLastError through JNA later could see a code clobbered by the JVM.
 */
public interface Ws2_32 extends StdCallLibrary, WinsockCalls {
    /** MAKEWORD(2, 2): the low byte is the major version. */
    short WINSOCK_2_2 = 0x0202;

    int AF_INET = 2;
    int AF_INET6 = 23;
    int SOCK_STREAM = 1;
    int IPPROTO_TCP = 6;
    int IPPROTO_IPV6 = 41;

    int SOL_SOCKET = 0xffff;
    int SO_REUSEADDR = 4;
    /** ~SO_REUSEADDR. */
    int SO_EXCLUSIVEADDRUSE = ~SO_REUSEADDR;
    int SO_LINGER = 0x80;
    int SO_ERROR = 0x1007;
    int IPV6_V6ONLY = 27;

    /** _IOW('f', 126, u_long): sets or clears non-blocking mode. */
    int FIONBIO = 0x8004667E;

    int SD_RECEIVE = 0;
    int SD_SEND = 1;
    int SD_BOTH = 2;

    int SOCKET_ERROR = -1;
    /** FD_SETSIZE: the capacity of an fd_set's fd_array. */
    int FD_SETSIZE = 64;

    /** WSAPOLLFD flags; note they differ from the POSIX poll.h values. */
    short POLLRDNORM = 0x0100;
    short POLLWRNORM = 0x0010;
    short POLLERR = 0x0001;
    short POLLHUP = 0x0002;
    short POLLNVAL = 0x0004;

    int WSAEINTR = 10004;
    int WSAEACCES = 10013;
    int WSAEFAULT = 10014;
    int WSAEINVAL = 10022;
    int WSAEMFILE = 10024;
    int WSAEWOULDBLOCK = 10035;
    int WSAEINPROGRESS = 10036;
    int WSAEALREADY = 10037;
    int WSAENOTSOCK = 10038;
    int WSAENOPROTOOPT = 10042;
    int WSAEAFNOSUPPORT = 10047;
    int WSAEADDRINUSE = 10048;
    int WSAEADDRNOTAVAIL = 10049;
    int WSAENETUNREACH = 10051;
    int WSAECONNRESET = 10054;
    int WSAEISCONN = 10056;
    int WSAENOTCONN = 10057;
    int WSAETIMEDOUT = 10060;
    int WSAECONNREFUSED = 10061;
    int WSAEHOSTUNREACH = 10065;
    int WSANOTINITIALISED = 10093;

    /** The loaded DLL; the first call loads it. */
    static Ws2_32 lib() {
        return Holder.INSTANCE;
    }

    /** Initialised on first use of lib() only. */
    final class Holder {
        static final Ws2_32 INSTANCE = Native.load("ws2_32", Ws2_32.class, W32APIOptions.DEFAULT_OPTIONS);

        private Holder() {
        }
    }

    /** Returns the error code itself (WSAGetLastError is not set by WSAStartup). */
    int WSAStartup(short versionRequested, WsaData data);

    int WSACleanup();

    int WSAGetLastError();
}
