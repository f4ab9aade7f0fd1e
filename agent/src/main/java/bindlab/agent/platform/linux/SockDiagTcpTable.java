// TcpTable on Linux through sock_diag netlink: the kernel is asked only for the sockets on the port (a filter
// bytecode), instead of printing and parsing the whole of /proc/net/tcp and tcp6 for every poll. The rows are the
// ones /proc/net/tcp gives (ProcNetTcpTable stays as the fallback, and the test compares the two).
package bindlab.agent.platform.linux;

import bindlab.agent.jna.linux.LinuxLibc;
import bindlab.agent.platform.TcpTable;
import bindlab.proto.v1.TcpRow;
import bindlab.proto.v1.TcpState;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

public final class SockDiagTcpTable implements TcpTable, AutoCloseable {
    private static final LinuxLibc C = LinuxLibc.INSTANCE;
    private static final int BUFFER = 64 * 1024;
    private static final int ANSWER_TIMEOUT_MS = 2000;
    private final long pid = LinuxPlatform.pid();
    private final Memory buffer = new Memory(BUFFER);
    private int fd = -1;
    private int seq;

    /** A table on a fresh netlink socket; IOException if this kernel has no sock_diag for TCP or refuses the filter. */
    public static SockDiagTcpTable open() throws IOException {
        SockDiagTcpTable t = new SockDiagTcpTable();
        t.rowsForPort(1); // the kernel audits the bytecode here: fail now, not mid-campaign
        return t;
    }

    /** Every row whose local or remote port is in low..high, IPv4 then IPv6. */
    @Override
    public synchronized List<TcpRow> rowsForPorts(int low, int high) throws IOException {
        for (int attempt = 1; ; attempt++) {
            List<TcpRow> rows = new ArrayList<TcpRow>();
            boolean interrupted = dump(2, low, high, rows) | dump(10, low, high, rows);
            if (!interrupted || attempt == 3) {
                return listenerUids(rows);
            }
        }
    }

    /** One family's dump into rows; true if the kernel flagged it as interrupted by a concurrent change. */
    private boolean dump(int family, int low, int high, List<TcpRow> rows) throws IOException {
        if (fd < 0) {
            fd = C.socket(InetDiag.AF_NETLINK, 3 /* SOCK_RAW */ | LinuxLibc.SOCK_CLOEXEC, InetDiag.NETLINK_SOCK_DIAG);
            if (fd < 0) {
                throw new IOException("sock_diag netlink socket: errno " + Native.getLastError());
            }
        }
        int mine = ++seq;
        byte[] req = InetDiag.request(family, mine, low, high);
        if (C.send(fd, req, new NativeLong(req.length), 0).longValue() != req.length) {
            throw reset("send: errno " + Native.getLastError());
        }
        boolean interrupted = false;
        while (true) {
            ByteBuffer pfd = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
            pfd.putInt(fd).putShort(LinuxLibc.POLLIN).putShort((short) 0);
            if (C.poll(pfd.array(), new NativeLong(1), ANSWER_TIMEOUT_MS) <= 0) {
                throw reset("no answer from sock_diag within " + ANSWER_TIMEOUT_MS + " ms");
            }
            long n = C.recv(fd, buffer, new NativeLong(BUFFER), 0).longValue();
            if (n <= 0) {
                throw reset("recv: errno " + Native.getLastError());
            }
            InetDiag.Chunk c;
            try {
                c = InetDiag.parse(buffer.getByteBuffer(0, n), mine, rows, pid);
            } catch (InetDiag.DiagError e) {
                throw reset(e.getMessage());
            }
            interrupted |= c.interrupted;
            if (c.done) {
                return interrupted;
            }
        }
    }

    /**
     * /proc/net/tcp prints a half-open connection (a request socket) with its listener's uid; sock_diag says 0. The
     * listener is on the same local port, in this answer: its uid is copied so the rows read as they always did.
     */
    static List<TcpRow> listenerUids(List<TcpRow> rows) {
        for (int i = 0; i < rows.size(); i++) {
            TcpRow r = rows.get(i);
            if (r.getState() == TcpState.SYN_RECV && r.getInode() == 0) {
                for (TcpRow l : rows) {
                    if (l.getState() == TcpState.LISTEN && l.getLocal().getPort() == r.getLocal().getPort()) {
                        rows.set(i, r.toBuilder().setUid(l.getUid()).build());
                        break;
                    }
                }
            }
        }
        return rows;
    }

    /** A failed exchange leaves the socket in an unknown state: the next call opens a new one. */
    private IOException reset(String why) {
        close();
        return new IOException("sock_diag: " + why);
    }

    @Override
    public synchronized void close() {
        if (fd >= 0) {
            C.close(fd);
            fd = -1;
        }
    }
}
