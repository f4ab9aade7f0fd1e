// Parses /proc/net/tcp and /proc/net/tcp6 lines into portable TCP rows.
package bindlab.agent.platform.linux;

import bindlab.agent.platform.AddressText;
import bindlab.proto.v1.Endpoint;
import bindlab.proto.v1.TcpRow;
import bindlab.proto.v1.TcpState;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

public final class ProcNetTcpParser {
    private final ByteOrder hostOrder;

    /** The kernel prints each 32-bit address word in host byte order, so parsing depends on it. */
    public ProcNetTcpParser(ByteOrder hostOrder) {
        this.hostOrder = hostOrder;
    }

    /**
     * Rows whose local or remote port is port (0: every row). ownInodes are the socket inodes this process holds open;
     * ownPid is recorded for them. A row with inode 0 is kernel-held (TIME_WAIT, orphans): owner 0.
     */
    public List<TcpRow> parse(String text, int port, Set<Long> ownInodes, long ownPid) {
        return port == 0 ? parse(text, 0, 65535, ownInodes, ownPid) : parse(text, port, port, ownInodes, ownPid);
    }

    /** Rows whose local or remote port lies in low..high. */
    public List<TcpRow> parse(String text, int low, int high, Set<Long> ownInodes, long ownPid) {
        List<TcpRow> rows = new ArrayList<TcpRow>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10 || !f[0].endsWith(":")) {
                continue; // header or blank
            }
            Endpoint local = endpoint(f[1]);
            Endpoint remote = endpoint(f[2]);
            boolean localIn = local.getPort() >= low && local.getPort() <= high;
            boolean remoteIn = remote.getPort() >= low && remote.getPort() <= high;
            if (!localIn && !remoteIn) {
                continue;
            }
            long inode = Long.parseLong(f[9]);
            boolean own = inode != 0 && ownInodes.contains(inode);
            rows.add(TcpRow.newBuilder()
                    .setLocal(local)
                    .setRemote(remote)
                    .setState(state(Integer.parseInt(f[3], 16)))
                    .setInode(inode)
                    .setUid(Long.parseLong(f[7]))
                    .setOwnedByAgent(own)
                    .setOwnerPid(own ? ownPid : inode == 0 ? 0 : -1)
                    .build());
        }
        return rows;
    }

    Endpoint endpoint(String field) {
        int colon = field.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not ADDR:PORT in /proc/net/tcp: " + field);
        }
        String hex = field.substring(0, colon);
        int port = Integer.parseInt(field.substring(colon + 1), 16);
        return Endpoint.newBuilder().setAddress(address(hex)).setPort(port).build();
    }

    String address(String hex) {
        if (hex.length() != 8 && hex.length() != 32) {
            throw new IllegalArgumentException("address must be 8 or 32 hex digits: " + hex);
        }
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < hex.length() / 8; word++) {
            long v = Long.parseLong(hex.substring(word * 8, word * 8 + 8), 16);
            for (int i = 0; i < 4; i++) {
                int shift = hostOrder == ByteOrder.LITTLE_ENDIAN ? 8 * i : 8 * (3 - i);
                bytes[word * 4 + i] = (byte) (v >>> shift);
            }
        }
        return AddressText.format(bytes);
    }

    /** include/net/tcp_states.h numbering. */
    static TcpState state(int code) {
        switch (code) {
            case 1: return TcpState.ESTABLISHED;
            case 2: return TcpState.SYN_SENT;
            case 3: return TcpState.SYN_RECV;
            case 4: return TcpState.FIN_WAIT_1;
            case 5: return TcpState.FIN_WAIT_2;
            case 6: return TcpState.TIME_WAIT;
            case 7: return TcpState.CLOSED;
            case 8: return TcpState.CLOSE_WAIT;
            case 9: return TcpState.LAST_ACK;
            case 10: return TcpState.LISTEN;
            case 11: return TcpState.CLOSING;
            case 12: return TcpState.NEW_SYN_RECV;
            default: throw new IllegalArgumentException("unknown TCP state code " + code + " in /proc/net/tcp");
        }
    }
}
