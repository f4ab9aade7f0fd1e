// The Windows TcpTable: GetExtendedTcpTable(TCP_TABLE_OWNER_PID_ALL) for IPv4 and IPv6, parsed by TcpTableParser.
package bindlab.agent.platform.windows;

import bindlab.agent.platform.TcpTable;
import bindlab.proto.v1.TcpRow;
import com.sun.jna.Memory;
import com.sun.jna.platform.win32.IPHlpAPI;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

public final class WindowsTcpTable implements TcpTable {
    /** TCP_TABLE_CLASS.TCP_TABLE_OWNER_PID_ALL: every state, with the owning process id. */
    static final int TCP_TABLE_OWNER_PID_ALL = 5;
    /** Connections can appear between the size query and the read; a few retries with headroom settle it. */
    private static final int ATTEMPTS = 5;

    @Override
    public List<TcpRow> rowsForPort(int port) throws IOException {
        long ownPid = Kernel32.INSTANCE.GetCurrentProcessId() & 0xffffffffL;
        List<TcpRow> rows = new ArrayList<TcpRow>();
        rows.addAll(TcpTableParser.parseV4(read(IPHlpAPI.AF_INET), ownPid));
        byte[] v6 = read(IPHlpAPI.AF_INET6);
        if (v6 != null) {
            rows.addAll(TcpTableParser.parseV6(v6, ownPid));
        }
        return TcpTableParser.forPort(rows, port);
    }

    /** The table's bytes; null for AF_INET6 when the host has no IPv6 stack (ERROR_NOT_SUPPORTED). */
    private static byte[] read(int family) throws IOException {
        int size = 0;
        Memory buffer = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            IntByReference wanted = new IntByReference(size);
            int rc = IPHlpAPI.INSTANCE.GetExtendedTcpTable(buffer, wanted, false, family, TCP_TABLE_OWNER_PID_ALL, 0);
            if (rc == WinError.NO_ERROR && buffer != null) {
                return buffer.getByteArray(0, size);
            }
            if (rc == WinError.ERROR_NOT_SUPPORTED && family == IPHlpAPI.AF_INET6) {
                return null;
            }
            if (rc != WinError.ERROR_INSUFFICIENT_BUFFER) {
                throw new IOException("GetExtendedTcpTable(" + familyName(family) + ") failed with error " + rc);
            }
            size = wanted.getValue() + wanted.getValue() / 4 + 1024;
            buffer = new Memory(size);
        }
        throw new IOException("GetExtendedTcpTable(" + familyName(family) + ") still wanted a larger buffer after "
                + ATTEMPTS + " attempts");
    }

    private static String familyName(int family) {
        return family == IPHlpAPI.AF_INET ? "AF_INET" : "AF_INET6";
    }
}
