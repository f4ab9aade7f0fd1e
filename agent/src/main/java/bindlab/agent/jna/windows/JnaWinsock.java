// The real Winsock: every call goes to ws2_32.dll through JNA, and lastError() is the code JNA saved right after it.
package bindlab.agent.jna.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;

/**
 * JNA saves GetLastError (which is what WSAGetLastError returns) after every call into a thread-local, so
 * Native.getLastError() right after a failed call is its WSA code; calling WSAGetLastError through JNA later could
 * see a code the JVM clobbered in between.
 */
public final class JnaWinsock implements Winsock {
    private static final Object STARTUP_LOCK = new Object();
    private static int startupResult = -1;

    private final Ws2_32 ws;

    private JnaWinsock(Ws2_32 ws) {
        this.ws = ws;
    }

    /** Loads ws2_32.dll (the first call does). */
    public static Winsock load() {
        return new JnaWinsock(Ws2_32.lib());
    }

    /** Once per process; never cleaned up, since sockets live as long as the agent. */
    @Override
    public int startup() {
        synchronized (STARTUP_LOCK) {
            if (startupResult != 0) {
                startupResult = ws.WSAStartup(Ws2_32.WINSOCK_2_2, new WsaData());
            }
            return startupResult;
        }
    }

    @Override
    public int lastError() {
        return Native.getLastError();
    }

    @Override
    public boolean keepFromChildProcesses(SocketHandle s) {
        WinNT.HANDLE handle = new WinNT.HANDLE(new Pointer(s.longValue()));
        return Kernel32.INSTANCE.SetHandleInformation(handle, WinBase.HANDLE_FLAG_INHERIT, 0);
    }

    @Override
    public SocketHandle socket(int af, int type, int protocol) {
        return ws.socket(af, type, protocol);
    }

    @Override
    public int setsockopt(SocketHandle s, int level, int optname, int[] optval, int optlen) {
        return ws.setsockopt(s, level, optname, optval, optlen);
    }

    @Override
    public int setsockopt(SocketHandle s, int level, int optname, Linger optval, int optlen) {
        return ws.setsockopt(s, level, optname, optval, optlen);
    }

    @Override
    public int getsockopt(SocketHandle s, int level, int optname, int[] optval, IntByReference optlen) {
        return ws.getsockopt(s, level, optname, optval, optlen);
    }

    @Override
    public int getsockopt(SocketHandle s, int level, int optname, Linger optval, IntByReference optlen) {
        return ws.getsockopt(s, level, optname, optval, optlen);
    }

    @Override
    public int bind(SocketHandle s, byte[] name, int namelen) {
        return ws.bind(s, name, namelen);
    }

    @Override
    public int listen(SocketHandle s, int backlog) {
        return ws.listen(s, backlog);
    }

    @Override
    public SocketHandle accept(SocketHandle s, byte[] addr, IntByReference addrlen) {
        return ws.accept(s, addr, addrlen);
    }

    @Override
    public int connect(SocketHandle s, byte[] name, int namelen) {
        return ws.connect(s, name, namelen);
    }

    @Override
    public int send(SocketHandle s, byte[] buf, int len, int flags) {
        return ws.send(s, buf, len, flags);
    }

    @Override
    public int recv(SocketHandle s, byte[] buf, int len, int flags) {
        return ws.recv(s, buf, len, flags);
    }

    @Override
    public int shutdown(SocketHandle s, int how) {
        return ws.shutdown(s, how);
    }

    @Override
    public int closesocket(SocketHandle s) {
        return ws.closesocket(s);
    }

    @Override
    public int ioctlsocket(SocketHandle s, int cmd, IntByReference argp) {
        return ws.ioctlsocket(s, cmd, argp);
    }

    @Override
    public int WSAPoll(WsaPollFd fd, int nfds, int timeoutMs) {
        return ws.WSAPoll(fd, nfds, timeoutMs);
    }

    @Override
    public int select(int nfds, Pointer readfds, Pointer writefds, Pointer exceptfds, int[] timeout) {
        return ws.select(nfds, readfds, writefds, exceptfds, timeout);
    }

    @Override
    public int getsockname(SocketHandle s, byte[] name, IntByReference namelen) {
        return ws.getsockname(s, name, namelen);
    }

    @Override
    public int getpeername(SocketHandle s, byte[] name, IntByReference namelen) {
        return ws.getpeername(s, name, namelen);
    }
}
