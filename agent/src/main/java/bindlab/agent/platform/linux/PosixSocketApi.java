// SocketApi on Linux: libc through JNA, errno kept raw.
package bindlab.agent.platform.linux;

import bindlab.agent.jna.linux.LinuxLibc;
import bindlab.agent.platform.OsResult;
import bindlab.agent.platform.SocketApi;
import bindlab.agent.platform.Sockaddr;
import bindlab.proto.v1.Family;
import bindlab.proto.v1.ShutdownHow;
import bindlab.proto.v1.SockOption;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

public final class PosixSocketApi implements SocketApi {
    private static final LinuxLibc C = LinuxLibc.INSTANCE;
    private static final Sockaddr SOCKADDR = new Sockaddr(LinuxLibc.AF_INET6);
    private static final int CHUNK = 64 * 1024;
    /**
     * After a send would block: how long buffer space may take to free up before the peer counts as stalled, as on
     * Windows (WinsockSocketApi.SEND_SETTLE_MS). Returning at the first EAGAIN let the buffered data all fit in a
     * peer window still open, and the FIN that was to wait behind it went out: a zero-window LAST_ACK cell then
     * never reached LAST_ACK (INVALID_SETUP twice in about 100,000 catalog cells).
     */
    static final int SEND_SETTLE_MS = 10;
    /**
     * On a loaded machine the network can pause for longer than the settle while the peer's window is still open:
     * where TCP_INFO shows that window, a stall counts only once it is used up, or after this long at most.
     */
    static final int SEND_STALL_MAX_MS = 250;

    @Override
    public OsResult open(Family family) {
        int domain = family == Family.INET6 ? LinuxLibc.AF_INET6 : LinuxLibc.AF_INET;
        int fd = C.socket(domain, LinuxLibc.SOCK_STREAM | LinuxLibc.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            return lastError("socket");
        }
        OwnSockets.note(fd); // its TCP rows are ours without reading the whole fd list later
        return OsResult.ok("socket", fd);
    }

    /** The uid other-user sockets belong to: nobody. */
    public static final int OTHER_UID = 65534;
    private final boolean root = C.geteuid() == 0;

    @Override
    public boolean canOpenAsOtherUser() {
        return root;
    }

    /** The socket's owner (sk_uid) is the creating thread's fsuid: switch it for this one call only. */
    @Override
    public OsResult openAsOtherUser(Family family) {
        if (!root) {
            return OsResult.unsupported("socket", "opening a socket as another user needs root (setfsuid)");
        }
        int previous = C.setfsuid(OTHER_UID);
        try {
            return open(family);
        } finally {
            C.setfsuid(previous);
        }
    }

    /** Linux needs no credentials: root switches the creating thread's fsuid (a file given is not used). */
    @Override
    public String useOtherUser(java.io.File credentials) {
        return root ? null : "opening a socket as another user needs root (setfsuid)";
    }

    @Override
    public String otherUserAccount() {
        return root ? "uid " + OTHER_UID + " (fsuid while socket() runs)"
                : "none: opening a socket as another user needs root (setfsuid)";
    }

    @Override
    public boolean supports(SockOption option) {
        return option != SockOption.EXCLUSIVEADDRUSE && option != SockOption.SOCK_OPTION_UNSPECIFIED;
    }

    @Override
    public OsResult setOption(long handle, SockOption option, int value, int lingerSeconds) {
        if (!supports(option)) {
            return OsResult.unsupported("setsockopt", option + " does not exist on Linux");
        }
        int[] v = option == SockOption.LINGER ? new int[] {value, lingerSeconds} : new int[] {value};
        int rc = C.setsockopt((int) handle, level(option), name(option), v, v.length * 4);
        return rc < 0 ? lastError("setsockopt") : OsResult.ok("setsockopt", value);
    }

    @Override
    public OsResult getOption(long handle, SockOption option) {
        if (!supports(option)) {
            return OsResult.unsupported("getsockopt", option + " does not exist on Linux");
        }
        int[] v = new int[2];
        int[] len = {option == SockOption.LINGER ? 8 : 4};
        int rc = C.getsockopt((int) handle, level(option), name(option), v, len);
        return rc < 0 ? lastError("getsockopt") : OsResult.ok("getsockopt", v[0]);
    }

    @Override
    public OsResult getLingerSeconds(long handle) {
        int[] v = new int[2];
        int[] len = {8};
        int rc = C.getsockopt((int) handle, LinuxLibc.SOL_SOCKET, LinuxLibc.SO_LINGER, v, len);
        return rc < 0 ? lastError("getsockopt") : OsResult.ok("getsockopt", v[1]);
    }

    @Override
    public OsResult bind(long handle, InetSocketAddress local) {
        byte[] sa = SOCKADDR.encode(local);
        return C.bind((int) handle, sa, sa.length) < 0 ? lastError("bind") : OsResult.ok("bind", 0);
    }

    @Override
    public OsResult listen(long handle, int backlog) {
        return C.listen((int) handle, backlog) < 0 ? lastError("listen") : OsResult.ok("listen", 0);
    }

    @Override
    public OsResult accept(long handle, int timeoutMs) {
        OsResult ready = pollFor((int) handle, LinuxLibc.POLLIN, timeoutMs, "accept");
        if (!ready.ok) {
            return ready;
        }
        int fd = C.accept((int) handle, null, null);
        if (fd < 0) {
            return lastError("accept");
        }
        OwnSockets.note(fd);
        return OsResult.ok("accept", fd);
    }

    @Override
    public OsResult connect(long handle, InetSocketAddress remote, int timeoutMs) {
        int fd = (int) handle;
        OsResult nb = setNonBlocking(fd, true);
        if (!nb.ok) {
            return nb;
        }
        try {
            byte[] sa = SOCKADDR.encode(remote);
            if (C.connect(fd, sa, sa.length) == 0) {
                return OsResult.ok("connect", 0);
            }
            int err = Native.getLastError();
            if (err != LinuxLibc.EINPROGRESS) {
                return OsResult.error("connect", err);
            }
            OsResult ready = pollFor(fd, LinuxLibc.POLLOUT, timeoutMs, "connect");
            if (!ready.ok) {
                return ready;
            }
            int[] soError = new int[1];
            if (C.getsockopt(fd, LinuxLibc.SOL_SOCKET, LinuxLibc.SO_ERROR, soError, new int[] {4}) < 0) {
                return lastError("getsockopt");
            }
            return soError[0] == 0 ? OsResult.ok("connect", 0) : OsResult.error("connect", soError[0]);
        } finally {
            setNonBlocking(fd, false);
        }
    }

    /**
     * Sends until the send buffer stays full for SEND_SETTLE_MS with the peer's window used up (or, where the kernel
     * cannot say, SEND_SETTLE_MS alone); a stall of SEND_STALL_MAX_MS, no byte sent, counts in any case.
     */
    @Override
    public OsResult sendUntilBlocked(long handle, int timeoutMs) {
        byte[] chunk = new byte[CHUNK];
        long sent = 0;
        long deadline = System.currentTimeMillis() + timeoutMs;
        long firstStall = -1;
        while (System.currentTimeMillis() < deadline) {
            NativeLong n = C.send((int) handle, chunk, new NativeLong(chunk.length),
                    LinuxLibc.MSG_DONTWAIT | LinuxLibc.MSG_NOSIGNAL);
            if (n.longValue() < 0) {
                int err = Native.getLastError();
                if (err == LinuxLibc.EAGAIN) {
                    if (!writableWithin((int) handle, (int) Math.min(SEND_SETTLE_MS,
                            Math.max(0, deadline - System.currentTimeMillis())))) {
                        long now = System.currentTimeMillis();
                        firstStall = firstStall < 0 ? now : firstStall;
                        if (now - firstStall >= SEND_STALL_MAX_MS || peerWindowUsedUp((int) handle)) {
                            return OsResult.ok("send", sent);
                        }
                    }
                    continue;
                }
                if (err != LinuxLibc.EINTR) {
                    return OsResult.error("send", err);
                }
            } else {
                sent += n.longValue();
                firstStall = -1;
            }
        }
        return OsResult.timeout("send", timeoutMs);
    }

    @Override
    public OsResult recv(long handle, int maxBytes) {
        byte[] chunk = new byte[CHUNK];
        long read = 0;
        while (maxBytes <= 0 || read < maxBytes) {
            int want = maxBytes <= 0 ? chunk.length : (int) Math.min(chunk.length, maxBytes - read);
            NativeLong n = C.recv((int) handle, chunk, new NativeLong(want), LinuxLibc.MSG_DONTWAIT);
            if (n.longValue() < 0) {
                int err = Native.getLastError();
                if (err == LinuxLibc.EAGAIN) {
                    break;
                }
                if (err != LinuxLibc.EINTR) {
                    return OsResult.error("recv", err);
                }
            } else if (n.longValue() == 0) {
                break; // the peer sent FIN
            } else {
                read += n.longValue();
            }
        }
        return OsResult.ok("recv", read);
    }

    @Override
    public OsResult shutdown(long handle, ShutdownHow how) {
        int h = how == ShutdownHow.SHUT_RD ? LinuxLibc.SHUT_RD
                : how == ShutdownHow.SHUT_WR ? LinuxLibc.SHUT_WR : LinuxLibc.SHUT_RDWR;
        return C.shutdown((int) handle, h) < 0 ? lastError("shutdown") : OsResult.ok("shutdown", 0);
    }

    @Override
    public OsResult close(long handle, boolean abortive) {
        if (abortive) {
            int[] linger = {1, 0};
            C.setsockopt((int) handle, LinuxLibc.SOL_SOCKET, LinuxLibc.SO_LINGER, linger, 8);
        }
        return C.close((int) handle) < 0 ? lastError("close") : OsResult.ok("close", 0);
    }

    @Override
    public InetSocketAddress localAddress(long handle) {
        byte[] sa = new byte[Sockaddr.SIZE_STORAGE];
        int[] len = {sa.length};
        return C.getsockname((int) handle, sa, len) < 0 ? null : SOCKADDR.decode(sa);
    }

    @Override
    public InetSocketAddress remoteAddress(long handle) {
        byte[] sa = new byte[Sockaddr.SIZE_STORAGE];
        int[] len = {sa.length};
        return C.getpeername((int) handle, sa, len) < 0 ? null : SOCKADDR.decode(sa);
    }

    @Override
    public String errorName(int rawCode) {
        return Errno.name(rawCode);
    }

    private static int level(SockOption option) {
        return option == SockOption.V6ONLY ? LinuxLibc.IPPROTO_IPV6 : LinuxLibc.SOL_SOCKET;
    }

    private static int name(SockOption option) {
        switch (option) {
            case REUSEADDR:
                return LinuxLibc.SO_REUSEADDR;
            case REUSEPORT:
                return LinuxLibc.SO_REUSEPORT;
            case LINGER:
                return LinuxLibc.SO_LINGER;
            case V6ONLY:
                return LinuxLibc.IPV6_V6ONLY;
            default:
                throw new IllegalArgumentException("no Linux option for " + option);
        }
    }

    /** Whether the peer's window leaves no room for another segment (TCP_INFO); true where the kernel cannot say. */
    private static boolean peerWindowUsedUp(int fd) {
        byte[] info = new byte[TcpInfo.SIZE];
        int[] len = {info.length};
        return C.getsockopt(fd, LinuxLibc.IPPROTO_TCP, LinuxLibc.TCP_INFO, info, len) < 0
                || TcpInfo.windowUsedUp(info, len[0]);
    }

    /** Whether poll reports the socket writable (POLLOUT itself, not an error or hang-up) within timeoutMs. */
    private static boolean writableWithin(int fd, int timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            ByteBuffer pfd = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
            pfd.putInt(fd).putShort(LinuxLibc.POLLOUT).putShort((short) 0);
            int rc = C.poll(pfd.array(), new NativeLong(1), (int) Math.max(0, deadline - System.currentTimeMillis()));
            if (rc >= 0 || Native.getLastError() != LinuxLibc.EINTR) {
                return rc > 0 && (ByteBuffer.wrap(pfd.array()).order(ByteOrder.nativeOrder()).getShort(6)
                        & LinuxLibc.POLLOUT) != 0;
            }
        }
    }

    /** Waits until the fd is ready for events; ok means ready, timeout means it never became so. */
    private static OsResult pollFor(int fd, short events, int timeoutMs, String call) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            ByteBuffer pfd = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
            pfd.putInt(fd).putShort(events).putShort((short) 0);
            int remaining = (int) Math.max(0, deadline - System.currentTimeMillis());
            int rc = C.poll(pfd.array(), new NativeLong(1), remaining);
            if (rc > 0) {
                return OsResult.ok(call, 0);
            }
            if (rc == 0) {
                return OsResult.timeout(call, timeoutMs);
            }
            int err = Native.getLastError();
            if (err != LinuxLibc.EINTR) {
                return OsResult.error("poll", err);
            }
        }
    }

    private static OsResult setNonBlocking(int fd, boolean on) {
        int flags = C.fcntl(fd, LinuxLibc.F_GETFL, 0);
        if (flags < 0) {
            return lastError("fcntl");
        }
        int next = on ? flags | LinuxLibc.O_NONBLOCK : flags & ~LinuxLibc.O_NONBLOCK;
        return C.fcntl(fd, LinuxLibc.F_SETFL, next) < 0 ? lastError("fcntl") : OsResult.ok("fcntl", 0);
    }

    private static OsResult lastError(String call) {
        return OsResult.error(call, Native.getLastError());
    }
}
