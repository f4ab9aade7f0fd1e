// The ws2_32.dll socket calls, declared once: the JNA binding (Ws2_32) and the backend's seam (Winsock) both extend
// this, so a signature cannot drift between the DLL and the fakes that stand in for it.
package bindlab.agent.jna.windows;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/** ws2_32's own names and C signatures; a failed call leaves its WSA code as the thread's last error. */
public interface WinsockCalls {

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

    /** cmd and *argp are u_long, which is 32 bits on Windows (LLP64) for both x86 and x64. */
    int ioctlsocket(SocketHandle s, int cmd, IntByReference argp);

    /** Vista+. Caution: before Windows 10 2004 (build 19041) it does not report a failed non-blocking connect. */
    int WSAPoll(WsaPollFd fdArray, int nfds, int timeoutMs);

    /**
     * nfds is ignored by Winsock. The sets are fd_set buffers (see {@link FdSet}); timeout is a struct timeval of two
     * 32-bit longs {tv_sec, tv_usec}, so an int[2] has its exact layout.
     */
    int select(int nfds, Pointer readfds, Pointer writefds, Pointer exceptfds, int[] timeout);

    int getsockname(SocketHandle s, byte[] name, IntByReference namelen);

    int getpeername(SocketHandle s, byte[] name, IntByReference namelen);
}
