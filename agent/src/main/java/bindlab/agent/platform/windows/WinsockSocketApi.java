// The Windows SocketApi: raw ws2_32 calls (through the Winsock seam), so the probe sees exactly what Winsock decides.
package bindlab.agent.platform.windows;

import bindlab.agent.jna.windows.FdSet;
import bindlab.agent.jna.windows.Impersonation;
import bindlab.agent.jna.windows.JnaImpersonation;
import bindlab.agent.jna.windows.JnaWinsock;
import bindlab.agent.jna.windows.Linger;
import bindlab.agent.jna.windows.SocketHandle;
import bindlab.agent.jna.windows.Winsock;
import bindlab.agent.jna.windows.WsaPollFd;
import bindlab.agent.jna.windows.Ws2_32;
import bindlab.agent.platform.OsResult;
import bindlab.agent.platform.Sockaddr;
import bindlab.agent.platform.SocketApi;
import bindlab.agent.platform.windows.ExcludedPortRanges.Range;
import bindlab.proto.v1.Family;
import bindlab.proto.v1.ShutdownHow;
import bindlab.proto.v1.SockOption;
import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Handles are SOCKET values widened to long. Timed calls (accept, connect, send) switch the socket to non-blocking
 * mode and wait with WSAPoll, except connect, which waits with select(): WSAPoll does not report a failed
 * connect before Windows 10 2004, and a refused connect is a result the probe must see, not a timeout.
 */
public final class WinsockSocketApi implements SocketApi {
    private static final Logger LOG = Logger.getLogger(WinsockSocketApi.class.getName());
    private static final int CHUNK = 64 * 1024;
    /** After a send would block: how long buffer space may take to free up before the peer counts as stalled. */
    static final int SEND_SETTLE_MS = 250;
    /** recv drains at most this long, so a peer that never stops sending cannot hold the agent. */
    private static final long RECV_DRAIN_LIMIT_MS = 1000;
    /**
     * How long to sleep between polls when WSAPoll returns at once without the wanted event (POLLHUP after the
     * peer's shutdown is reported on every call): without it the wait would spin.
     */
    static final int NAP_MS = 10;

    private final Winsock ws;
    private final ExcludedPorts excluded;
    private final Sockaddr sockaddr = new Sockaddr(Ws2_32.AF_INET6);

    /** The real ws2_32.dll, with the host's excluded ranges. */
    public WinsockSocketApi(ExcludedPorts excluded) {
        this(JnaWinsock.load(), excluded);
    }

    /** Any Winsock, e.g. a fake in tests; starts it (WSAStartup 2.2). */
    public WinsockSocketApi(Winsock ws, ExcludedPorts excluded) {
        this.ws = ws;
        this.excluded = excluded;
        int rc = ws.startup();
        if (rc != 0) {
            throw new IllegalStateException("WSAStartup(2.2) failed: " + WsaErrors.windowsName(rc));
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
            return OsResult.error("socket", ws.lastError());
        }
        // Sockets are inheritable by default and the JDK starts children (netsh) with handle inheritance on: an
        // inherited copy would keep a "closed" socket alive in the child. Failure is harmless for the probe itself.
        if (!ws.keepFromChildProcesses(s)) {
            LOG.fine("SetHandleInformation on socket " + s.longValue() + " failed: " + ws.lastError());
        }
        return OsResult.ok("socket", s.longValue());
    }

    /** Set once from the credentials file at start; null: no other user (the reason is in noOtherUser). */
    private volatile OtherUserAccount otherUser;
    private volatile String noOtherUser = "no other-user account: the agent was started without --other-user-file";

    @Override
    public boolean canOpenAsOtherUser() {
        return otherUser != null;
    }

    /** The socket is created while this thread impersonates the account, reverted right after (OtherUserAccount). */
    @Override
    public OsResult openAsOtherUser(final Family family) {
        OtherUserAccount account = otherUser;
        if (account == null) {
            return OsResult.unsupported("socket", noOtherUser);
        }
        return account.open(new OtherUserAccount.Create() {
            @Override
            public OsResult create() {
                return open(family);
            }
        }, new OtherUserAccount.Close() {
            @Override
            public void close(long handle) {
                ws.closesocket(new SocketHandle(handle));
            }
        });
    }

    /** Reads the credentials the deploy scripts wrote and logs the account on through the real advapi32. */
    @Override
    public String useOtherUser(java.io.File credentials) {
        if (credentials == null) {
            return noOtherUser;
        }
        return useOtherUser(JnaImpersonation.load(), OtherUserCredentials.read(credentials.toPath()),
                OtherUserAccount.haltOnStuck());
    }

    /** The same with any Impersonation (a fake in tests); null when the account logged on. */
    String useOtherUser(Impersonation api, OtherUserCredentials credentials, Runnable stuck) {
        try {
            otherUser = OtherUserAccount.logOn(api, credentials, stuck);
            return null;
        } catch (OtherUserAccount.Unavailable e) {
            noOtherUser = e.getMessage();
            return noOtherUser;
        }
    }

    @Override
    public String otherUserAccount() {
        OtherUserAccount account = otherUser;
        return account != null ? account.account() : "none: " + noOtherUser;
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
        return rc == 0 ? OsResult.ok("setsockopt", 0) : OsResult.error("setsockopt", ws.lastError());
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
            return OsResult.error("getsockopt", ws.lastError());
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
            return OsResult.error("getsockopt", ws.lastError());
        }
        return OsResult.ok("getsockopt", (seconds ? linger.l_linger : linger.l_onoff) & 0xffff);
    }

    /**
     * A port inside an excluded range is refused without a call: any bind there fails with WSAEACCES whatever the
     * options. A WSAEACCES elsewhere re-reads the ranges first: if the port has just become excluded, the code is
     * refused as a measurement (BAD_REQUEST, raw code kept), never reported as EACCES.
     */
    @Override
    public OsResult bind(long handle, InetSocketAddress local) {
        int port = local.getPort();
        Range known = excluded.containing(port);
        if (known != null) {
            return OsResult.refused("bind", 0, excludedWhy(port, known, "the agent did not call bind"));
        }
        byte[] address = sockaddr.encode(local);
        if (ws.bind(new SocketHandle(handle), address, address.length) != 0) {
            int err = ws.lastError();
            if (err == Ws2_32.WSAEACCES) {
                Range now = excluded.containingAfterRefresh(port);
                if (now != null) {
                    return OsResult.refused("bind", err, excludedWhy(port, now, "its WSAEACCES (10013) is not a result"));
                }
            }
            return OsResult.error("bind", err);
        }
        return OsResult.ok("bind", 0);
    }

    /** The marker text the coordinator journals: says which range and that the code is not a measurement. */
    static String excludedWhy(int port, Range range, String consequence) {
        return "port " + port + " lies in Windows' excluded port range " + range.start + "-" + range.end
                + " (netsh int ipv4 show excludedportrange protocol=tcp), where every bind fails with WSAEACCES: "
                + consequence + "; give this agent a sandbox outside the excluded ranges";
    }

    @Override
    public OsResult listen(long handle, int backlog) {
        if (ws.listen(new SocketHandle(handle), backlog) != 0) {
            return OsResult.error("listen", ws.lastError());
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
                if (!ws.keepFromChildProcesses(accepted)) {
                    LOG.fine("SetHandleInformation on socket " + accepted.longValue() + " failed: " + ws.lastError());
                }
                return OsResult.ok("accept", accepted.longValue());
            }
            int err = ws.lastError();
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
        int err = ws.lastError();
        if (err != Ws2_32.WSAEWOULDBLOCK && err != Ws2_32.WSAEINPROGRESS) {
            return OsResult.error("connect", err);
        }
        return awaitConnect(s, deadline, timeoutMs);
    }

    /**
     * select(): writable means connected, "except" means the attempt failed and SO_ERROR says why. When the except
     * set fires with SO_ERROR 0 (seen under Wine), getpeername decides: connected, or the attempt failed and its
     * code (WSAENOTCONN) is what is reported, with the call that gave it. Code 0 is never reported as a failure,
     * and connect is not called again (that would start a second attempt).
     */
    private OsResult awaitConnect(SocketHandle s, long deadline, int timeoutMs) {
        int waitMs = remainingMs(deadline);
        Memory writable = FdSet.holding(s);
        Memory failed = FdSet.holding(s);
        int[] timeval = {waitMs / 1000, (waitMs % 1000) * 1000};
        int n = ws.select(0, null, writable, failed, timeval);
        if (n == Ws2_32.SOCKET_ERROR) {
            return OsResult.error("select", ws.lastError());
        }
        if (n == 0) {
            return OsResult.timeout("connect", timeoutMs);
        }
        int[] soError = {0};
        if (ws.getsockopt(s, Ws2_32.SOL_SOCKET, Ws2_32.SO_ERROR, soError, new IntByReference(4)) != 0) {
            return OsResult.error("getsockopt", ws.lastError());
        }
        if (soError[0] != 0) {
            return OsResult.error("connect", soError[0]);
        }
        if (!FdSet.isReady(failed)) {
            return OsResult.ok("connect", 0);
        }
        byte[] peer = new byte[Sockaddr.SIZE_STORAGE];
        if (ws.getpeername(s, peer, new IntByReference(peer.length)) == 0) {
            return OsResult.ok("connect", 0);
        }
        int err = ws.lastError();
        return OsResult.error("getpeername", err != 0 ? err : Ws2_32.WSAENOTCONN);
    }

    /**
     * Sends until the send buffer stays full for SEND_SETTLE_MS. Only POLLWRNORM means writable: after the peer's
     * shutdown WSAPoll reports POLLHUP alone, on every call, while the buffer is still full (the zero-window
     * LAST_ACK cells), so that is waited out by sleeping, not by spinning; POLLERR returns the socket's error.
     */
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
            int err = ws.lastError();
            if (err != Ws2_32.WSAEWOULDBLOCK) {
                return OsResult.error("send", err);
            }
            OsResult stalled = awaitWritable(s, deadlineAfter(Math.min(SEND_SETTLE_MS, remainingMs(deadline))), sent);
            if (stalled != null) {
                return stalled;
            }
        }
        return OsResult.timeout("send", timeoutMs);
    }

    /** Null once the socket is writable again; else the result: stalled (ok, bytes sent) or an error. */
    private OsResult awaitWritable(SocketHandle s, long settleEnd, long sent) {
        while (true) {
            int waitMs = remainingMs(settleEnd);
            if (waitMs <= 0) {
                return OsResult.ok("send", sent); // no space freed up: the peer has stopped reading
            }
            WsaPollFd fd = new WsaPollFd(s, Ws2_32.POLLWRNORM);
            int ready = ws.WSAPoll(fd, 1, waitMs);
            if (ready == Ws2_32.SOCKET_ERROR) {
                return OsResult.error("WSAPoll", ws.lastError());
            }
            if (ready == 0) {
                return OsResult.ok("send", sent);
            }
            if ((fd.revents & Ws2_32.POLLWRNORM) != 0) {
                return null;
            }
            if ((fd.revents & Ws2_32.POLLNVAL) != 0) {
                return OsResult.error("WSAPoll", Ws2_32.WSAENOTSOCK);
            }
            if ((fd.revents & Ws2_32.POLLERR) != 0) {
                int[] soError = {0};
                if (ws.getsockopt(s, Ws2_32.SOL_SOCKET, Ws2_32.SO_ERROR, soError, new IntByReference(4)) != 0) {
                    return OsResult.error("getsockopt", ws.lastError());
                }
                if (soError[0] != 0) {
                    return OsResult.error("send", soError[0]);
                }
            }
            nap(Math.min(NAP_MS, waitMs)); // POLLHUP (or POLLERR without a code): not writable, and reported at once
        }
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
                int err = ws.lastError();
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
            return OsResult.error("shutdown", ws.lastError());
        }
        return OsResult.ok("shutdown", 0);
    }

    /**
     * When this returns, the socket is closed, whatever failed: the caller forgets the handle. A graceful close
     * first puts the socket back in blocking mode, because a non-blocking socket with linger {1, n>0} fails
     * closesocket with WSAEWOULDBLOCK and stays open; back in blocking mode it lingers as the option asked, like an
     * ordinary application's socket. If that switch fails, the close is still made and the switch's error is
     * returned (the close may not have been the one asked for); if closesocket still says WSAEWOULDBLOCK, the
     * socket is reset and closed, and that error is returned.
     */
    @Override
    public OsResult close(long handle, boolean abortive) {
        SocketHandle s = new SocketHandle(handle);
        if (abortive) {
            Linger reset = new Linger(true, 0);
            if (ws.setsockopt(s, Ws2_32.SOL_SOCKET, Ws2_32.SO_LINGER, reset, reset.size()) != 0) {
                int err = ws.lastError();
                ws.closesocket(s); // free the handle anyway; the error says the close was not abortive
                return OsResult.error("setsockopt", err);
            }
            return ws.closesocket(s) == 0 ? OsResult.ok("closesocket", 0)
                    : OsResult.error("closesocket", ws.lastError());
        }
        int blocking = setNonBlocking(s, false);
        if (ws.closesocket(s) != 0) {
            int err = ws.lastError();
            if (err == Ws2_32.WSAEWOULDBLOCK) {
                Linger reset = new Linger(true, 0); // still open: never leave a handle the agent has forgotten
                ws.setsockopt(s, Ws2_32.SOL_SOCKET, Ws2_32.SO_LINGER, reset, reset.size());
                if (ws.closesocket(s) != 0) {
                    LOG.warning("socket " + handle + " could not be closed: WSA " + ws.lastError());
                }
            }
            return OsResult.error("closesocket", err);
        }
        return blocking == 0 ? OsResult.ok("closesocket", 0) : OsResult.error("ioctlsocket", blocking);
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
            return ws.lastError();
        }
        return 0;
    }

    /**
     * Null when the socket is ready, or has an error or hang-up the next call will report; else the result to
     * return. A poll that returns without the wanted event or an error naps before the next call, so it never spins.
     */
    private OsResult pollUntil(SocketHandle s, short events, long deadline, String call, int timeoutMs) {
        int waitMs = remainingMs(deadline);
        if (waitMs <= 0) {
            return OsResult.timeout(call, timeoutMs);
        }
        WsaPollFd fd = new WsaPollFd(s, events);
        int n = ws.WSAPoll(fd, 1, waitMs);
        if (n == Ws2_32.SOCKET_ERROR) {
            return OsResult.error("WSAPoll", ws.lastError());
        }
        if (n == 0) {
            return OsResult.timeout(call, timeoutMs);
        }
        if ((fd.revents & (events | Ws2_32.POLLERR | Ws2_32.POLLNVAL)) == 0) {
            nap(Math.min(NAP_MS, remainingMs(deadline)));
        }
        return null;
    }

    private static void nap(int ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
