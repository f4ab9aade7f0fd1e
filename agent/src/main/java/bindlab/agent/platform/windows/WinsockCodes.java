// Maps the portable proto enums (option, family, shutdown direction) to Winsock's numbers; pure, so testable anywhere.
package bindlab.agent.platform.windows;

import bindlab.agent.jna.windows.Ws2_32;
import bindlab.proto.v1.Family;
import bindlab.proto.v1.ShutdownHow;
import bindlab.proto.v1.SockOption;

final class WinsockCodes {

    /** A setsockopt level and option name. */
    static final class Opt {
        final int level;
        final int name;
        final String label;

        Opt(int level, int name, String label) {
            this.level = level;
            this.name = name;
            this.label = label;
        }
    }

    private WinsockCodes() {
    }

    /** The option's level and name, or null when Windows has no such option (REUSEPORT) or none was given. */
    static Opt option(SockOption option) {
        switch (option) {
            case REUSEADDR:
                return new Opt(Ws2_32.SOL_SOCKET, Ws2_32.SO_REUSEADDR, "SO_REUSEADDR");
            case EXCLUSIVEADDRUSE:
                return new Opt(Ws2_32.SOL_SOCKET, Ws2_32.SO_EXCLUSIVEADDRUSE, "SO_EXCLUSIVEADDRUSE");
            case LINGER:
                return new Opt(Ws2_32.SOL_SOCKET, Ws2_32.SO_LINGER, "SO_LINGER");
            case V6ONLY:
                return new Opt(Ws2_32.IPPROTO_IPV6, Ws2_32.IPV6_V6ONLY, "IPV6_V6ONLY");
            default:
                return null;
        }
    }

    /** Why option() returned null: said plainly for OsResult.unsupported. */
    static String whyUnsupported(SockOption option) {
        if (option == SockOption.REUSEPORT) {
            return "Windows has no SO_REUSEPORT";
        }
        return "no socket option given (" + option + ")";
    }

    /** AF_INET or AF_INET6 (23 on Windows), or -1 if no family was given. */
    static int addressFamily(Family family) {
        switch (family) {
            case INET:
                return Ws2_32.AF_INET;
            case INET6:
                return Ws2_32.AF_INET6;
            default:
                return -1;
        }
    }

    /** SD_RECEIVE, SD_SEND or SD_BOTH, or -1 if no direction was given. */
    static int shutdownHow(ShutdownHow how) {
        switch (how) {
            case SHUT_RD:
                return Ws2_32.SD_RECEIVE;
            case SHUT_WR:
                return Ws2_32.SD_SEND;
            case SHUT_RDWR:
                return Ws2_32.SD_BOTH;
            default:
                return -1;
        }
    }
}
