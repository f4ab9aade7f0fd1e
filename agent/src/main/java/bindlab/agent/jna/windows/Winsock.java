// The ws2_32 calls the Windows backend makes, and the error code each failed call left: the seam between
// WinsockSocketApi and the DLL, so unit tests can drive every error path with a fake.
package bindlab.agent.jna.windows;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * Signatures follow {@link Ws2_32}. {@link #lastError()} is the WSA code of the most recent failed call on this
 * thread; read it right after the call, before any other call through this seam.
 */
public interface Winsock {

    /** WSAStartup(2.2); returns 0 or the error code itself (WSAStartup does not set the last error). */
    int startup();

    /** The WSA error code of the last failed call on this thread. */
    int lastError();

    /** Clears HANDLE_FLAG_INHERIT so child processes (netsh) never hold a copy; false if that failed. */
    boolean keepFromChildProcesses(SocketHandle s);

    SocketHandle socket(int af, int type, int protocol);

    int setsockopt(SocketHandle s, int level, int optname, int[] optval, int optlen);

    int setsockopt(SocketHandle s, int level, int optname, Linger optval, int optlen);

    int getsockopt(SocketHandle s, int level, int optname, int[] optval, IntByReference optlen);

    int getsockopt(SocketHandle s, int level, int optname, Linger optval, IntByReference optlen);

    int bind(SocketHandle s, byte[] name, int namelen);

    int listen(SocketHandle s, int backlog);

    SocketHandle accept(SocketHandle s, byte[] addr, IntByReference addrlen);

    int connect(SocketHandle s, byte[] name, int namelen);

    int send(SocketHandle s, byte[] buf, int len, int flags);

    int recv(SocketHandle s, byte[] buf, int len, int flags);

    int shutdown(SocketHandle s, int how);

    int closesocket(SocketHandle s);

    int ioctlsocket(SocketHandle s, int cmd, IntByReference argp);

    /** One WSAPOLLFD: the implementation fills fd.revents. */
    int WSAPoll(WsaPollFd fd, int nfds, int timeoutMs);

    int select(int nfds, Pointer readfds, Pointer writefds, Pointer exceptfds, int[] timeout);

    int getsockname(SocketHandle s, byte[] name, IntByReference namelen);

    int getpeername(SocketHandle s, byte[] name, IntByReference namelen);
}
