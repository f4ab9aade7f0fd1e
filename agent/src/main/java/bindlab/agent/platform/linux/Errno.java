// Linux errno values and their portable names: the same names WsaErrors gives the Winsock codes (EAGAIN for both).
package bindlab.agent.platform.linux;

import java.util.HashMap;
import java.util.Map;

public final class Errno {
    private static final Map<Integer, String> NAMES = new HashMap<Integer, String>();

    static {
        name(1, "EPERM");
        name(4, "EINTR");
        name(9, "EBADF");
        name(11, "EAGAIN");
        name(13, "EACCES");
        name(14, "EFAULT");
        name(22, "EINVAL");
        name(24, "EMFILE");
        name(32, "EPIPE");
        name(88, "ENOTSOCK");
        name(89, "EDESTADDRREQ");
        name(90, "EMSGSIZE");
        name(91, "EPROTOTYPE");
        name(92, "ENOPROTOOPT");
        name(93, "EPROTONOSUPPORT");
        name(94, "ESOCKTNOSUPPORT");
        name(95, "EOPNOTSUPP");
        name(96, "EPFNOSUPPORT");
        name(97, "EAFNOSUPPORT");
        name(98, "EADDRINUSE");
        name(99, "EADDRNOTAVAIL");
        name(100, "ENETDOWN");
        name(101, "ENETUNREACH");
        name(102, "ENETRESET");
        name(103, "ECONNABORTED");
        name(104, "ECONNRESET");
        name(105, "ENOBUFS");
        name(106, "EISCONN");
        name(107, "ENOTCONN");
        name(108, "ESHUTDOWN");
        name(110, "ETIMEDOUT");
        name(111, "ECONNREFUSED");
        name(112, "EHOSTDOWN");
        name(113, "EHOSTUNREACH");
        name(114, "EALREADY");
        name(115, "EINPROGRESS");
    }

    private Errno() {
    }

    private static void name(int code, String name) {
        NAMES.put(code, name);
    }

    /** EADDRINUSE for 98; "ERRNO_<n>" for codes this table does not know. */
    public static String name(int code) {
        String n = NAMES.get(code);
        return n != null ? n : "ERRNO_" + code;
    }
}
