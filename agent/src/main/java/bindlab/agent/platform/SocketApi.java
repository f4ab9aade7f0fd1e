// Raw TCP socket calls of one OS. Implementations call libc or ws2_32 directly, never java.net, so the probe
// sees exactly what the OS decides (the JDK sets SO_EXCLUSIVEADDRUSE on Windows and remaps error codes).
package bindlab.agent.platform;

import bindlab.proto.v1.Family;
import bindlab.proto.v1.ShutdownHow;
import bindlab.proto.v1.SockOption;
import java.net.InetSocketAddress;

public interface SocketApi {

    /** Opens a TCP stream socket; value = the OS handle. */
    OsResult open(Family family);

    /** Whether open(family, true) works here: a socket owned by another user, for the different-user cases. */
    default boolean canOpenAsOtherUser() {
        return false;
    }

    /** Opens a TCP socket owned by another (unprivileged) user; unsupported unless canOpenAsOtherUser(). */
    default OsResult openAsOtherUser(Family family) {
        return OsResult.unsupported("socket", "this platform cannot open a socket as another user");
    }

    /**
     * Takes the other user's credentials file (Windows: written by the deploy scripts; null: none given) and makes
     * that account the other user. Returns why another user's sockets still cannot be opened, or null when they can.
     * A malformed file is BadInput naming its file, line and key.
     */
    default String useOtherUser(java.io.File credentials) {
        return canOpenAsOtherUser() ? null : "this platform cannot open a socket as another user";
    }

    /** Who other-user sockets belong to ("uid 65534", "bindlab-other"), or why there are none: for the Hello. */
    default String otherUserAccount() {
        return canOpenAsOtherUser() ? "another user" : "none: this platform cannot open a socket as another user";
    }

    /** Whether this OS has the option at all (SO_EXCLUSIVEADDRUSE is Windows-only, SO_REUSEPORT is not on Windows). */
    boolean supports(SockOption option);

    /** setsockopt. For LINGER, value 1 = on with lingerSeconds. */
    OsResult setOption(long handle, SockOption option, int value, int lingerSeconds);

    /** getsockopt; value = the option's int value (LINGER: l_onoff). */
    OsResult getOption(long handle, SockOption option);

    /** getsockopt(SO_LINGER); value = l_linger seconds. */
    OsResult getLingerSeconds(long handle);

    OsResult bind(long handle, InetSocketAddress local);

    OsResult listen(long handle, int backlog);

    /** Waits up to timeoutMs for a connection; value = the accepted handle. */
    OsResult accept(long handle, int timeoutMs);

    /** Connects, giving up after timeoutMs. */
    OsResult connect(long handle, InetSocketAddress remote, int timeoutMs);

    /** Sends until the OS would block (the peer stops reading), for at most timeoutMs; value = bytes sent. */
    OsResult sendUntilBlocked(long handle, int timeoutMs);

    /** Reads what is available without blocking, at most maxBytes (0 = all); value = bytes read. */
    OsResult recv(long handle, int maxBytes);

    OsResult shutdown(long handle, ShutdownHow how);

    /** closesocket/close; abortive sets SO_LINGER {1,0} first, which sends RST and leaves no TIME_WAIT. */
    OsResult close(long handle, boolean abortive);

    /** getsockname, or null if it fails. */
    InetSocketAddress localAddress(long handle);

    /** getpeername, or null if not connected. */
    InetSocketAddress remoteAddress(long handle);

    /** The portable name of a raw code: EADDRINUSE for errno 98 or WSA 10048; "ERRNO_<n>" / "WSA<n>" if unknown. */
    String errorName(int rawCode);
}
