// The Windows SocketApi: raw ws2_32 calls through JNA, so the probe sees exactly what Winsock decides.
package bindlab.agent.platform.windows;

import bindlab.agent.jna.windows.FdSet;
import bindlab.agent.jna.windows.Linger;
import bindlab.agent.jna.windows.SocketHandle;
import bindlab.agent.jna.windows.WsaData;
import bindlab.agent.jna.windows.WsaPollFd;
import bindlab.agent.jna.windows.Ws2_32;
import bindlab.agent.platform.OsResult;
import bindlab.agent.platform.Sockaddr;
import bindlab.agent.platform.SocketApi;
import bindlab.proto.v1.Family;
import bindlab.proto.v1.ShutdownHow;
import bindlab.proto.v1.SockOption;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles are SOCKET values widened to long. Timed calls (accept, connect, send) switch the socket to non-blocking
 * mode and wait with WSAPoll, except connect, which waits with select(): WSAPoll does not report a failed
 * connect before Windows 10 2004, and a refused connect is a result the probe must see, not a timeout.
 */
public final class WinsockSocketApi implements SocketApi {
    private static final Logger LOG = LoggerFactory.getLogger(WinsockSocketApi.class);
    private static final int CHUNK = 64 * 1024;
    /** After a send would block: how long buffer space may take to free up before the peer counts as stalled. */
    private static final int SEND_SETTLE_MS = 250;
    /** recv drains at most this long, so a peer that never stops sending cannot hold the agent. */
    private static final long RECV_DRAIN_LIMIT_MS = 1000;
    private static final Object STARTUP_LOCK = new Object();
    private static boolean started;

    private final Ws2_32 ws;
    private final Sockaddr sockaddr = new Sockaddr(Ws2_32.AF_INET6);

    public WinsockSocketApi() {
        this.ws = Ws2_32.lib();
        startWinsock(ws);
    }

    /** Once per process; never cleaned up, since sockets live as long as the agent. */
    private static void startWinsock(Ws2_32 ws) {
        synchronized (STARTUP_LOCK) {
            if (started) {
                return;
            }
            int rc = ws.WSAStartup(Ws2_32.WINSOCK_2_2, new WsaData());
            if (rc != 0) {
                throw new IllegalStateException("WSAStartup(2.2) failed: " + WsaErrors.windowsName(rc));
            }
            started = true;
        }
    }

    @Override
    public OsResult open(Family family) {
        int af = WinsockCodes.addressFamily(family);
        if (af < 0) {
            return OsResult.unsupported("socket", "no address family given (" + family + ")");
        }
        SocketHandle s = ws.socket(af, Ws2_32.SOCK_STREAM, Ws2_32.IPPROTO_TCP);
        if (s.isInvalid()) {
            return OsResult.error("socket", Native.getLastError());
        }
        keepFromChildProcesses(s);
        return OsResult.ok("socket", s.longValue());
    }

    /**
     * Sockets are inheritable by default and the JDK starts children (netsh) with handle inheritance on: an
     * inherited copy would keep a "closed" socket alive in the child. Failure is harmless for the probe itself.
     */
    private static void keepFromChildProcesses(SocketHandle s) {
        WinNT.HANDLE handle = new WinNT.HANDLE(new Pointer(s.longValue()));
        if (!Kernel32.INSTANCE.SetHandleInformation(handle, WinBase.HANDLE_FLAG_INHERIT, 0)) {
            LOG.debug("SetHandleInformation on socket {} failed: {}", s.longValue(), Native.getLastError());
        }
    }

    @Override
    public boolean supports(SockOption option) {
        return WinsockCodes.option(option) != null;
    }

    @Override
    public OsResult setOption(long handle, SockOption option, int value, int lingerSeconds) {
        WinsockCodes.Opt opt = WinsockCodes.option(option);
        if (opt == null) {
            return OsResult.unsupported("setsockopt", WinsockCodes.whyUnsupported(option));
        }
        SocketHandle h = new SocketHandle(handle);
        int rc;
        if (option == SockOption.LINGER) {
            if (lingerSeconds < 0 || lingerSeconds > 0xffff) {
                return OsResult.unsupported("setsockopt", "linger seconds must be 0..65535, not " + lingerSeconds);
            }
            Linger linger = new Linger(value != 0, lingerSeconds);
            rc = ws.setsockopt(h, opt.level, opt.name, linger, linger.size());
        } else {
            rc = ws.setsockopt(h, opt.level, opt.name, new int[] {value}, 4);
        }
        return rc == 0 ? OsResult.ok("setsockopt", 0) : OsResult.error("setsockopt", Native.getLastError());
    }

    @Override
    public OsResult getOption(long handle, SockOption option) {
        WinsockCodes.Opt opt = WinsockCodes.option(option);
        if (opt == null) {
            return OsResult.unsupported("getsockopt", WinsockCodes.whyUnsupported(option));
        }
        if (option == SockOption.LINGER) {
            return readLinger(handle, false);
        }
        int[] value = {0};
        IntByReference length = new IntByReference(4);
        if (ws.getsockopt(new SocketHandle(handle), opt.level, opt.name, value, length) != 0) {
            return OsResult.error("getsockopt", Native.getLastError());
        }
        return OsResult.ok("getsockopt", value[0]);
    }

    @Override
    public OsResult getLingerSeconds(long handle) {
        return readLinger(handle, true);
    }

    /** value = l_linger when seconds is true, else l_onoff; both are u_short. */
    private OsResult readLinger(long handle, boolean seconds) {
        Linger linger = new Linger();
        IntByReference length = new IntByReference(linger.size());
        if (ws.getsockopt(new SocketHandle(handle), Ws2_32.SOL_SOCKET, Ws2_32.SO_LINGER, linger, length) != 0) {
            return OsResult.error("getsockopt", Native.getLastError());
        }
        return OsResult.ok("getsockopt", (seconds ? linger.l_linger : linger.l_onoff) & 0xffff);
    }

    @Override
    public OsResult bind(long handle, InetSocketAddress local) {
        byte[] address = sockaddr.encode(local);
        if (ws.bind(new SocketHandle(handle), address, address.length) != 0) {
            return OsResult.error("bind", Native.getLastError());
        }
        return OsResult.ok("bind", 0);
    }

    @Override
    public OsResult listen(long handle, int backlog) {
        if (ws.listen(new SocketHandle(handle), backlog) != 0) {
            return OsResult.error("listen", Native.getLastError());
        }
        return OsResult.ok("listen", 0);
    }

    @Override
    public OsResult accept(long handle, int timeoutMs) {
        SocketHandle listener = new SocketHandle(handle);
        int rc = setNonBlocking(listener, true);
        if (rc != 0) {
            return OsResult.error("ioctlsocket", rc);
        }
        long deadline = deadlineAfter(timeoutMs);
        while (true) {
            byte[] peer = new byte[Sockaddr.SIZE_STORAGE];
            SocketHandle accepted = ws.accept(listener, peer, new IntByReference(peer.length));
            if (!accepted.isInvalid()) {
                keepFromChildProcesses(accepted);
                return OsResult.ok("accept", accepted.longValue());
            }
            int err = Native.getLastError();
            if (err != Ws2_32.WSAEWOULDBLOCK) {
                return OsResult.error("accept", err);
            }
            OsResult notReady = pollUntil(listener, Ws2_32.POLLRDNORM, deadline, "accept", timeoutMs);
            if (notReady != null) {
                return notReady;
            }
        }
    }

    @Override
    public OsResult connect(long handle, InetSocketAddress remote, int timeoutMs) {
        SocketHandle s = new SocketHandle(handle);
        int rc = setNonBlocking(s, true);
        if (rc != 0) {
            return OsResult.error("ioctlsocket", rc);
        }
        long deadline = deadlineAfter(timeoutMs);
        byte[] address = sockaddr.encode(remote);
        if (ws.connect(s, address, address.length) == 0) {
            return OsResult.ok("connect", 0);
        }
        int err = Native.getLastError();
        if (err != Ws2_32.WSAEWOULDBLOCK && err != Ws2_32.WSAEINPROGRESS) {
            return OsResult.error("connect", err);
        }
        return awaitConnect(s, deadline, timeoutMs);
    }

    /** select(): writable means connected, "except" means the attempt failed; SO_ERROR says why. */
    private OsResult awaitConnect(SocketHandle s, long deadline, int timeoutMs) {
        int waitMs = remainingMs(deadline);
        Memory writable = FdSet.holding(s);
        Memory failed = FdSet.holding(s);
        int[] timeval = {waitMs / 1000, (waitMs % 1000) * 1000};
        int n = ws.select(0, null, writable, failed, timeval);
        if (n == Ws2_32.SOCKET_ERROR) {
            return OsResult.error("select", Native.getLastError());
        }
        if (n == 0) {
            return OsResult.timeout("connect", timeoutMs);
        }
        int[] soError = {0};
        if (ws.getsockopt(s, Ws2_32.SOL_SOCKET, Ws2_32.SO_ERROR, soError, new IntByReference(4)) != 0) {
            return OsResult.error("getsockopt", Native.getLastError());
        }
        if (soError[0] != 0 || FdSet.isReady(failed)) {
            return OsResult.error("connect", soError[0]);
        }
        return OsResult.ok("connect", 0);
    }

    @Override
    public OsResult sendUntilBlocked(long handle, int timeoutMs) {
        SocketHandle s = new SocketHandle(handle);
        int rc = setNonBlocking(s, true);
        if (rc != 0) {
            return OsResult.error("ioctlsocket", rc);
        }
        long deadline = deadlineAfter(timeoutMs);
        byte[] chunk = new byte[CHUNK];
        long sent = 0;
        while (remainingMs(deadline) > 0) {
            int n = ws.send(s, chunk, chunk.length, 0);
            if (n != Ws2_32.SOCKET_ERROR) {
                sent += n;
                continue;
            }
            int err = Native.getLastError();
            if (err != Ws2_32.WSAEWOULDBLOCK) {
                return OsResult.error("send", err);
            }
            WsaPollFd fd = new WsaPollFd(s, Ws2_32.POLLWRNORM);
            int ready = ws.WSAPoll(fd, 1, Math.min(SEND_SETTLE_MS, remainingMs(deadline)));
            if (ready == Ws2_32.SOCKET_ERROR) {
                return OsResult.error("WSAPoll", Native.getLastError());
            }
            if (ready == 0) {
                return OsResult.ok("send", sent); // no space freed up: the peer has stopped reading
            }
        }
        return OsResult.timeout("send", timeoutMs);
    }

    @Override
    public OsResult recv(long handle, int maxBytes) {
        SocketHandle s = new SocketHandle(handle);
        int rc = setNonBlocking(s, true);
        if (rc != 0) {
            return OsResult.error("ioctlsocket", rc);
        }
        long limit = maxBytes <= 0 ? Long.MAX_VALUE : maxBytes;
        long stopAt = deadlineAfter(RECV_DRAIN_LIMIT_MS);
        byte[] buffer = new byte[CHUNK];
        long received = 0;
        while (received < limit && remainingMs(stopAt) > 0) {
            int n = ws.recv(s, buffer, (int) Math.min(buffer.length, limit - received), 0);
            if (n > 0) {
                received += n;
            } else if (n == 0) {
                break; // the peer shut down its sending side: nothing more will come
            } else {
                int err = Native.getLastError();
                if (err == Ws2_32.WSAEWOULDBLOCK) {
                    break;
                }
                return OsResult.error("recv", err);
            }
        }
        return OsResult.ok("recv", received);
    }

    @Override
    public OsResult shutdown(long handle, ShutdownHow how) {
        int sd = WinsockCodes.shutdownHow(how);
        if (sd < 0) {
            return OsResult.unsupported("shutdown", "no direction given (" + how + ")");
        }
        if (ws.shutdown(new SocketHandle(handle), sd) != 0) {
            return OsResult.error("shutdown", Native.getLastError());
        }
        return OsResult.ok("shutdown", 0);
    }

    @Override
    public OsResult close(long handle, boolean abortive) {
        SocketHandle s = new SocketHandle(handle);
        if (abortive) {
            Linger reset = new Linger(true, 0);
            if (ws.setsockopt(s, Ws2_32.SOL_SOCKET, Ws2_32.SO_LINGER, reset, reset.size()) != 0) {
                int err = Native.getLastError();
                ws.closesocket(s); // free the handle anyway; the error says the close was not abortive
                return OsResult.error("setsockopt", err);
            }
        } else {
            // A non-blocking socket with linger {1, n>0} fails closesocket with WSAEWOULDBLOCK and stays open;
            // back in blocking mode it lingers as the option asked, like an ordinary application's socket.
            setNonBlocking(s, false);
        }
        if (ws.closesocket(s) != 0) {
            return OsResult.error("closesocket", Native.getLastError());
        }
        return OsResult.ok("closesocket", 0);
    }

    @Override
    public InetSocketAddress localAddress(long handle) {
        byte[] address = new byte[Sockaddr.SIZE_STORAGE];
        if (ws.getsockname(new SocketHandle(handle), address, new IntByReference(address.length)) != 0) {
            return null;
        }
        return sockaddr.decode(address);
    }

    @Override
    public InetSocketAddress remoteAddress(long handle) {
        byte[] address = new byte[Sockaddr.SIZE_STORAGE];
        if (ws.getpeername(new SocketHandle(handle), address, new IntByReference(address.length)) != 0) {
            return null;
        }
        return sockaddr.decode(address);
    }

    @Override
    public String errorName(int rawCode) {
        return WsaErrors.portableName(rawCode);
    }

    /** Returns 0 or the WSA error code. */
    private int setNonBlocking(SocketHandle s, boolean nonBlocking) {
        if (ws.ioctlsocket(s, Ws2_32.FIONBIO, new IntByReference(nonBlocking ? 1 : 0)) != 0) {
            return Native.getLastError();
        }
        return 0;
    }

    /** Null when the socket is ready (or has an error the next call will report); else the result to return. */
    private OsResult pollUntil(SocketHandle s, short events, long deadline, String call, int timeoutMs) {
        int waitMs = remainingMs(deadline);
        if (waitMs <= 0) {
            return OsResult.timeout(call, timeoutMs);
        }
        int n = ws.WSAPoll(new WsaPollFd(s, events), 1, waitMs);
        if (n == Ws2_32.SOCKET_ERROR) {
            return OsResult.error("WSAPoll", Native.getLastError());
        }
        return n == 0 ? OsResult.timeout(call, timeoutMs) : null;
    }

    private static long deadlineAfter(long timeoutMs) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMs));
    }

    /** Milliseconds left, rounded up so a wait never ends just short of the deadline; 0 when past it. */
    private static int remainingMs(long deadline) {
        long nanos = deadline - System.nanoTime();
        if (nanos <= 0) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, (nanos + 999_999) / 1_000_000);
    }
}
