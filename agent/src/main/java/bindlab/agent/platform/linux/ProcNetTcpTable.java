// TcpTable on Linux: /proc/net/tcp and /proc/net/tcp6 of the agent's network namespace.
package bindlab.agent.platform.linux;

import bindlab.agent.platform.TcpTable;
import bindlab.proto.v1.TcpRow;
import java.io.File;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

public final class ProcNetTcpTable implements TcpTable {
    private static final ProcNetTcpParser PARSER = new ProcNetTcpParser(ByteOrder.nativeOrder());
    private final long pid = LinuxPlatform.pid();

    @Override
    public List<TcpRow> rowsForPort(int port) throws IOException {
        Set<Long> own = ownSocketInodes();
        List<TcpRow> rows = new ArrayList<TcpRow>();
        for (String file : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path path = Paths.get(file);
            if (Files.exists(path)) {
                rows.addAll(PARSER.parse(new String(Files.readAllBytes(path), StandardCharsets.US_ASCII), port, own, pid));
            }
        }
        return rows;
    }

    /** Inodes of the sockets this process holds: /proc/self/fd links read "socket:[12345]". */
    private static Set<Long> ownSocketInodes() {
        Set<Long> inodes = new HashSet<Long>();
        File[] fds = new File("/proc/self/fd").listFiles();
        if (fds == null) {
            return inodes;
        }
        for (File fd : fds) {
            try {
                String target = Files.readSymbolicLink(fd.toPath()).toString();
                if (target.startsWith("socket:[")) {
                    inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                }
            } catch (IOException | UnsupportedOperationException e) {
                // the fd closed while we listed: not ours any more
            }
        }
        return inodes;
    }
}
