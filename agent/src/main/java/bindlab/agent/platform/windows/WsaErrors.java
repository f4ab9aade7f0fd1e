// Winsock error codes (WSAGetLastError) and their portable names, the same names the Linux backend gives errno.
package bindlab.agent.platform.windows;

import java.util.HashMap;
import java.util.Map;

public final class WsaErrors {
    private static final Map<Integer, String> PORTABLE = new HashMap<Integer, String>();
    private static final Map<Integer, String> WINDOWS = new HashMap<Integer, String>();

    static {
        // Winsock codes are WSABASEERR (10000) + the BSD errno; the portable name is the BSD one.
        both(10004, "EINTR");
        both(10009, "EBADF");
        both(10013, "EACCES");
        both(10014, "EFAULT");
        both(10022, "EINVAL");
        both(10024, "EMFILE");
        // WSAEWOULDBLOCK: POSIX lets EAGAIN and EWOULDBLOCK be one code, and Linux names it EAGAIN; one portable name
        // for both platforms, so a cell that blocked reads the same everywhere
        both(10035, "EAGAIN");
        both(10036, "EINPROGRESS");
        both(10037, "EALREADY");
        both(10038, "ENOTSOCK");
        both(10039, "EDESTADDRREQ");
        both(10040, "EMSGSIZE");
        both(10041, "EPROTOTYPE");
        both(10042, "ENOPROTOOPT");
        both(10043, "EPROTONOSUPPORT");
        both(10044, "ESOCKTNOSUPPORT");
        both(10045, "EOPNOTSUPP");
        both(10046, "EPFNOSUPPORT");
        both(10047, "EAFNOSUPPORT");
        both(10048, "EADDRINUSE");
        both(10049, "EADDRNOTAVAIL");
        both(10050, "ENETDOWN");
        both(10051, "ENETUNREACH");
        both(10052, "ENETRESET");
        both(10053, "ECONNABORTED");
        both(10054, "ECONNRESET");
        both(10055, "ENOBUFS");
        both(10056, "EISCONN");
        both(10057, "ENOTCONN");
        both(10058, "ESHUTDOWN");
        both(10060, "ETIMEDOUT");
        both(10061, "ECONNREFUSED");
        both(10064, "EHOSTDOWN");
        both(10065, "EHOSTUNREACH");
        // Windows-only conditions have no POSIX name: they keep their own.
        windowsOnly(10091, "WSASYSNOTREADY");
        windowsOnly(10092, "WSAVERNOTSUPPORTED");
        windowsOnly(10093, "WSANOTINITIALISED");
        windowsOnly(10101, "WSAEDISCON");
    }

    private WsaErrors() {
    }

    private static void both(int code, String posixName) {
        PORTABLE.put(code, posixName);
        WINDOWS.put(code, "WSA" + (code == 10035 ? "EWOULDBLOCK" : posixName));
    }

    private static void windowsOnly(int code, String name) {
        PORTABLE.put(code, name);
        WINDOWS.put(code, name);
    }

    /** EADDRINUSE for 10048; "WSA<code>" for codes this table does not know. */
    public static String portableName(int code) {
        String n = PORTABLE.get(code);
        return n != null ? n : "WSA" + code;
    }

    /** The winerror.h name (WSAEADDRINUSE), for messages; "WSA<code>" if unknown. */
    public static String windowsName(int code) {
        String n = WINDOWS.get(code);
        return n != null ? n : "WSA" + code;
    }
}
