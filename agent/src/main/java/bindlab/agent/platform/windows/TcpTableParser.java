// Parses the buffers GetExtendedTcpTable(TCP_TABLE_OWNER_PID_ALL) fills, for IPv4 and IPv6, into portable TcpRows.
package bindlab.agent.platform.windows;

import bindlab.agent.jna.windows.CLayout;
import bindlab.agent.platform.AddressText;
import bindlab.proto.v1.Endpoint;
import bindlab.proto.v1.TcpRow;
import bindlab.proto.v1.TcpState;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A pure function over bytes, following the documented layouts rather than JNA structures so it can be tested on
 * canned buffers. DWORDs are little-endian; addresses are in network order; each port sits in network order in the
 * first two bytes of its DWORD (port 8080 reads as the DWORD 0x0000901F).
 */
public final class TcpTableParser {
    /** MIB_TCPROW_OWNER_PID: 24 bytes. */
    static final CLayout ROW_V4 = CLayout.of("MIB_TCPROW_OWNER_PID", 8)
            .u32("dwState").u32("dwLocalAddr").u32("dwLocalPort").u32("dwRemoteAddr").u32("dwRemotePort")
            .u32("dwOwningPid").build();
    /** MIB_TCP6ROW_OWNER_PID: 56 bytes. */
    static final CLayout ROW_V6 = CLayout.of("MIB_TCP6ROW_OWNER_PID", 8)
            .array("ucLocalAddr", 1, 16).u32("dwLocalScopeId").u32("dwLocalPort")
            .array("ucRemoteAddr", 1, 16).u32("dwRemoteScopeId").u32("dwRemotePort")
            .u32("dwState").u32("dwOwningPid").build();
    /** MIB_TCPTABLE_OWNER_PID: DWORD dwNumEntries; then the rows, 4-aligned, so they start at offset 4. */
    static final CLayout TABLE_V4 = table("MIB_TCPTABLE_OWNER_PID", ROW_V4);
    static final CLayout TABLE_V6 = table("MIB_TCP6TABLE_OWNER_PID", ROW_V6);

    private TcpTableParser() {
    }

    private static CLayout table(String name, CLayout row) {
        return CLayout.of(name, 8).u32("dwNumEntries").structArray("table", row, 1).build();
    }

    /** Every row of an AF_INET table; ownPid marks the agent's own sockets. */
    public static List<TcpRow> parseV4(byte[] buffer, long ownPid) {
        ByteBuffer b = rows(buffer, TABLE_V4, ROW_V4);
        int count = b.getInt(0);
        int first = TABLE_V4.offset("table");
        List<TcpRow> rows = new ArrayList<TcpRow>(count);
        for (int i = 0; i < count; i++) {
            int at = first + i * ROW_V4.size();
            int state = b.getInt(at + ROW_V4.offset("dwState"));
            Endpoint local = endpoint(v4(buffer, at + ROW_V4.offset("dwLocalAddr")),
                    port(buffer, at + ROW_V4.offset("dwLocalPort")));
            Endpoint remote = endpoint(v4(buffer, at + ROW_V4.offset("dwRemoteAddr")),
                    port(buffer, at + ROW_V4.offset("dwRemotePort")));
            long pid = b.getInt(at + ROW_V4.offset("dwOwningPid")) & 0xffffffffL;
            rows.add(row(state, local, remote, pid, ownPid, "0.0.0.0"));
        }
        return rows;
    }

    /** Every row of an AF_INET6 table. Scope ids are dropped: endpoints are compared as plain literals. */
    public static List<TcpRow> parseV6(byte[] buffer, long ownPid) {
        ByteBuffer b = rows(buffer, TABLE_V6, ROW_V6);
        int count = b.getInt(0);
        int first = TABLE_V6.offset("table");
        List<TcpRow> rows = new ArrayList<TcpRow>(count);
        for (int i = 0; i < count; i++) {
            int at = first + i * ROW_V6.size();
            int state = b.getInt(at + ROW_V6.offset("dwState"));
            Endpoint local = endpoint(v6(buffer, at + ROW_V6.offset("ucLocalAddr")),
                    port(buffer, at + ROW_V6.offset("dwLocalPort")));
            Endpoint remote = endpoint(v6(buffer, at + ROW_V6.offset("ucRemoteAddr")),
                    port(buffer, at + ROW_V6.offset("dwRemotePort")));
            long pid = b.getInt(at + ROW_V6.offset("dwOwningPid")) & 0xffffffffL;
            rows.add(row(state, local, remote, pid, ownPid, "::"));
        }
        return rows;
    }

    /** Rows whose local or remote port lies in low..high. */
    public static List<TcpRow> forPorts(List<TcpRow> rows, int low, int high) {
        List<TcpRow> matching = new ArrayList<TcpRow>();
        for (TcpRow r : rows) {
            int local = r.getLocal().getPort();
            int remote = r.getRemote().getPort();
            if (local >= low && local <= high || remote >= low && remote <= high) {
                matching.add(r);
            }
        }
        return matching;
    }

    /** MIB_TCP_STATE (1..12) to the portable state; unknown values become TCP_STATE_UNSPECIFIED. */
    public static TcpState state(int mibState) {
        switch (mibState) {
            case 1: return TcpState.CLOSED;
            case 2: return TcpState.LISTEN;
            case 3: return TcpState.SYN_SENT;
            case 4: return TcpState.SYN_RECV;
            case 5: return TcpState.ESTABLISHED;
            case 6: return TcpState.FIN_WAIT_1;
            case 7: return TcpState.FIN_WAIT_2;
            case 8: return TcpState.CLOSE_WAIT;
            case 9: return TcpState.CLOSING;
            case 10: return TcpState.LAST_ACK;
            case 11: return TcpState.TIME_WAIT;
            case 12: return TcpState.DELETE_TCB;
            default: return TcpState.TCP_STATE_UNSPECIFIED;
        }
    }

    /** Checks the buffer holds every row dwNumEntries announces, so a short read fails loudly, not silently. */
    private static ByteBuffer rows(byte[] buffer, CLayout table, CLayout row) {
        int header = table.offset("table");
        if (buffer.length < header) {
            throw new IllegalArgumentException(table.name() + ": buffer of " + buffer.length
                    + " bytes is too short for the dwNumEntries header");
        }
        ByteBuffer b = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
        long count = b.getInt(0) & 0xffffffffL;
        long needed = header + count * row.size();
        if (needed > buffer.length) {
            throw new IllegalArgumentException(table.name() + " is truncated: dwNumEntries = " + count + " needs "
                    + needed + " bytes (" + row.size() + " per " + row.name() + "), the buffer holds "
                    + buffer.length);
        }
        return b;
    }

    /**
     * The docs say a LISTEN row's remote address and port "have no meaning" (some versions leave garbage there),
     * so they are cleared rather than allowed to match a port filter.
     */
    private static TcpRow row(int mibState, Endpoint local, Endpoint remote, long pid, long ownPid, String any) {
        TcpState state = state(mibState);
        Endpoint peer = state == TcpState.LISTEN ? endpoint(any, 0) : remote;
        return TcpRow.newBuilder()
                .setLocal(local)
                .setRemote(peer)
                .setState(state)
                .setOwnerPid(pid)
                .setOwnedByAgent(pid != 0 && pid == ownPid)
                .build();
    }

    private static Endpoint endpoint(String address, int port) {
        return Endpoint.newBuilder().setAddress(address).setPort(port).build();
    }

    private static int port(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static String v4(byte[] b, int at) {
        return (b[at] & 0xff) + "." + (b[at + 1] & 0xff) + "." + (b[at + 2] & 0xff) + "." + (b[at + 3] & 0xff);
    }

    private static String v6(byte[] b, int at) {
        byte[] address = new byte[16];
        System.arraycopy(b, at, address, 0, 16);
        return AddressText.format(address);
    }
}
