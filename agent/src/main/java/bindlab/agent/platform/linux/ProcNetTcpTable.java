// TcpTable on Linux from /proc/net/tcp and /proc/net/tcp6 of the agent's network namespace: the fallback where
// sock_diag is missing (SockDiagTcpTable is the fast path), and the reference the tests compare it with.
package bindlab.agent.platform.linux;

import bindlab.agent.platform.TcpTable;
import bindlab.proto.v1.TcpRow;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

public final class ProcNetTcpTable implements TcpTable {
    private static final ProcNetTcpParser PARSER = new ProcNetTcpParser(ByteOrder.nativeOrder());
    private final long pid = LinuxPlatform.pid();

    @Override
    public List<TcpRow> rowsForPorts(int low, int high) throws IOException {
        Set<Long> own = OwnSockets.list();
        List<TcpRow> rows = new ArrayList<TcpRow>();
        for (String file : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path path = Paths.get(file);
            if (Files.exists(path)) {
                rows.addAll(PARSER.parse(new String(Files.readAllBytes(path), StandardCharsets.US_ASCII), low, high,
                        own, pid));
            }
        }
        return rows;
    }
}
