// The Windows TcpTable: GetExtendedTcpTable(TCP_TABLE_OWNER_PID_ALL) for IPv4 and IPv6, parsed by TcpTableParser.
package bindlab.agent.platform.windows;

import bindlab.agent.jna.windows.IpHlpApi;
import bindlab.agent.jna.windows.Ws2_32;
import bindlab.agent.platform.TcpTable;
import bindlab.proto.v1.TcpRow;
import com.sun.jna.Memory;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

public final class WindowsTcpTable implements TcpTable {
    /** Connections can appear between the size query and the read; a few retries with headroom settle it. */
    static final int ATTEMPTS = 5;

    /** One GetExtendedTcpTable(buffer, size, FALSE, af, TCP_TABLE_OWNER_PID_ALL, 0): a seam for tests. */
    interface TableCall {
        int get(Memory buffer, IntByReference size, int af);
    }

    private final TableCall call;
    private final long ownPid;

    /** The real iphlpapi.dll and this process's id. */
    public WindowsTcpTable() {
        this((buffer, size, af) -> IpHlpApi.lib().GetExtendedTcpTable(buffer, size, 0, af,
                IpHlpApi.TCP_TABLE_OWNER_PID_ALL, 0), Kernel32.INSTANCE.GetCurrentProcessId() & 0xffffffffL);
    }

    WindowsTcpTable(TableCall call, long ownPid) {
        this.call = call;
        this.ownPid = ownPid;
    }

    @Override
    public List<TcpRow> rowsForPorts(int low, int high) throws IOException {
        List<TcpRow> rows = new ArrayList<TcpRow>();
        rows.addAll(TcpTableParser.parseV4(read(Ws2_32.AF_INET), ownPid));
        byte[] v6 = read(Ws2_32.AF_INET6);
        if (v6 != null) {
            rows.addAll(TcpTableParser.parseV6(v6, ownPid));
        }
        return TcpTableParser.forPorts(rows, low, high);
    }

    /** The table's bytes; null for AF_INET6 when the host has no IPv6 stack (ERROR_NOT_SUPPORTED). */
    byte[] read(int family) throws IOException {
        int size = 0;
        Memory buffer = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            IntByReference wanted = new IntByReference(size);
            int rc = call.get(buffer, wanted, family);
            if (rc == IpHlpApi.NO_ERROR && buffer != null) {
                return buffer.getByteArray(0, size);
            }
            if (rc == IpHlpApi.ERROR_NOT_SUPPORTED && family == Ws2_32.AF_INET6) {
                return null;
            }
            if (rc != IpHlpApi.ERROR_INSUFFICIENT_BUFFER && !(rc == IpHlpApi.NO_ERROR && buffer == null)) {
                throw new IOException("GetExtendedTcpTable(" + familyName(family) + ") failed with error " + rc);
            }
            size = wanted.getValue() + wanted.getValue() / 4 + 1024;
            buffer = new Memory(size);
        }
        throw new IOException("GetExtendedTcpTable(" + familyName(family) + ") still wanted a larger buffer after "
                + ATTEMPTS + " attempts");
    }

    private static String familyName(int family) {
        return family == Ws2_32.AF_INET ? "AF_INET" : "AF_INET6";
    }
}
