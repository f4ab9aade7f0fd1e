// The sock_diag (inet_diag) netlink messages for TCP: a dump request whose filter bytecode keeps only sockets with a
// local or remote port in a range, and the parser of the kernel's answers into portable TCP rows. Plain Java on
// byte buffers, so it is tested on canned bytes; the socket I/O is in SockDiagTcpTable.
package bindlab.agent.platform.linux;

import bindlab.agent.platform.AddressText;
import bindlab.proto.v1.Endpoint;
import bindlab.proto.v1.TcpRow;
import bindlab.proto.v1.TcpState;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

public final class InetDiag {
    public static final int NETLINK_SOCK_DIAG = 4;
    public static final int AF_NETLINK = 16;
    static final int SOCK_DIAG_BY_FAMILY = 20;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_DUMP = 0x300;
    static final int NLM_F_DUMP_INTR = 0x10;
    static final int IPPROTO_TCP = 6;
    static final int INET_DIAG_REQ_BYTECODE = 1;
    /** TCP states 0..12 (ESTABLISHED .. NEW_SYN_RECV): what /proc/net/tcp lists. Bit 13, bound-but-inactive sockets
     * (Linux 6.7+), is left out on purpose: /proc never shows them. */
    static final int STATES = (1 << 13) - 1;
    static final int BC_JMP = 1;
    static final int BC_S_GE = 2;
    static final int BC_S_LE = 3;
    static final int BC_D_GE = 4;
    static final int BC_D_LE = 5;
    static final int HEADER = 16;
    static final int DIAG_MSG = 72;

    private InetDiag() {
    }

    /**
     * A dump request for one family (AF_INET 2, AF_INET6 10), host byte order for netlink's own fields. The filter:
     * (low <= sport <= high) || (low <= dport <= high), built the way iproute2's ss builds an OR so that the kernel's
     * bytecode audit accepts it on every kernel since 2.6: each 'no' jump lands on an op of the 'yes' chain.
     */
    public static byte[] request(int family, int seq, int low, int high) {
        byte[] bc = bytecode(low, high);
        int len = HEADER + 56 + 4 + bc.length;
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.nativeOrder());
        b.putInt(len).putShort((short) SOCK_DIAG_BY_FAMILY).putShort((short) (NLM_F_REQUEST | NLM_F_DUMP))
                .putInt(seq).putInt(0);
        b.put((byte) family).put((byte) IPPROTO_TCP).put((byte) 0).put((byte) 0).putInt(STATES);
        b.put(new byte[48]); // inet_diag_sockid: all zero, the bytecode selects
        b.putShort((short) (4 + bc.length)).putShort((short) INET_DIAG_REQ_BYTECODE).put(bc);
        return b.array();
    }

    static byte[] bytecode(int low, int high) {
        ByteBuffer b = ByteBuffer.allocate(36).order(ByteOrder.nativeOrder());
        op(b, BC_S_GE, 8, 20, low);   // 0: no -> 20, the dport test
        op(b, BC_S_LE, 8, 12, high);  // 8: no -> 20
        b.put((byte) BC_JMP).put((byte) 4).putShort((short) 20); // 16: sport matched: jump to the end, accept
        op(b, BC_D_GE, 8, 20, low);   // 20: no -> past the end + 4, reject
        op(b, BC_D_LE, 8, 12, high);  // 28: yes -> the end, accept; no -> reject
        return b.array();
    }

    private static void op(ByteBuffer b, int code, int yes, int no, int port) {
        b.put((byte) code).put((byte) yes).putShort((short) no);
        b.put((byte) 0).put((byte) 0).putShort((short) port);
    }

    /** What one receive buffer held: rows were added; done means NLMSG_DONE came; interrupted means redo the dump. */
    static final class Chunk {
        boolean done;
        boolean interrupted;
    }

    /**
     * Parses the netlink messages in buf (position to limit) into rows, all in host byte order except the socket
     * id. A kernel error is thrown as an IOException-like IllegalStateException carrying the errno.
     */
    static Chunk parse(ByteBuffer buf, int seq, List<TcpRow> rows, long ownPid) {
        ByteBuffer b = buf.slice().order(ByteOrder.nativeOrder());
        Chunk c = new Chunk();
        int at = 0;
        while (at + HEADER <= b.limit()) {
            int len = b.getInt(at);
            int type = b.getShort(at + 4) & 0xffff;
            int flags = b.getShort(at + 6) & 0xffff;
            int mseq = b.getInt(at + 8);
            if (len < HEADER || at + len > b.limit()) {
                throw new DiagError(0, "truncated netlink message (length " + len + ")");
            }
            if (mseq == seq) {
                c.interrupted |= (flags & NLM_F_DUMP_INTR) != 0;
                if (type == NLMSG_DONE) {
                    c.done = true;
                    return c;
                }
                if (type == NLMSG_ERROR) {
                    int errno = -b.getInt(at + HEADER);
                    throw new DiagError(errno, "sock_diag answered errno " + errno);
                }
                if (type == SOCK_DIAG_BY_FAMILY && len >= HEADER + DIAG_MSG) {
                    rows.add(row(b, at + HEADER, ownPid));
                }
            }
            at += (len + 3) & ~3;
        }
        return c;
    }

    /** One inet_diag_msg: family, state, timer, retrans, sockid (ports and addresses in network order), ..., uid, inode. */
    static TcpRow row(ByteBuffer b, int at, long ownPid) {
        int family = b.get(at) & 0xff;
        int state = b.get(at + 1) & 0xff;
        int sport = ((b.get(at + 4) & 0xff) << 8) | (b.get(at + 5) & 0xff);
        int dport = ((b.get(at + 6) & 0xff) << 8) | (b.get(at + 7) & 0xff);
        int size = family == 10 ? 16 : 4;
        String src = address(b, at + 8, size);
        String dst = address(b, at + 24, size);
        long uid = b.getInt(at + 64) & 0xffffffffL;
        long inode = b.getInt(at + 68) & 0xffffffffL;
        boolean mine = OwnSockets.owns(inode);
        return TcpRow.newBuilder()
                .setLocal(Endpoint.newBuilder().setAddress(src).setPort(sport))
                .setRemote(Endpoint.newBuilder().setAddress(dst).setPort(dport))
                .setState(ProcNetTcpParser.state(state))
                .setInode(inode)
                .setUid(uid)
                .setOwnedByAgent(mine)
                .setOwnerPid(mine ? ownPid : inode == 0 ? 0 : -1)
                .build();
    }

    /** The text /proc/net/tcp's parser gives (AddressText: canonical, a v4-mapped IPv6 address keeps its form). */
    private static String address(ByteBuffer b, int at, int size) {
        byte[] a = new byte[size];
        for (int i = 0; i < size; i++) {
            a[i] = b.get(at + i);
        }
        return AddressText.format(a);
    }

    /** The kernel refused the request (errno), or its answer made no sense (errno 0). */
    static final class DiagError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int errno;

        DiagError(int errno, String message) {
            super(message);
            this.errno = errno;
        }
    }
}
