// The OS's TCP connection table, read as rows in the portable state set.
package bindlab.agent.platform;

import bindlab.proto.v1.TcpRow;
import java.io.IOException;
import java.util.List;

public interface TcpTable {

    /** Every row, IPv4 and IPv6, whose local or remote port equals port. */
    List<TcpRow> rowsForPort(int port) throws IOException;

    /** Whether rowsForPorts reads a range in one go (the agent then says so in its Hello: Capabilities.observe_range). */
    default boolean readsRanges() {
        return false;
    }

    /** Every row whose local or remote port lies in low..high; only where readsRanges() is true. */
    default List<TcpRow> rowsForPorts(int low, int high) throws IOException {
        throw new UnsupportedOperationException("this TCP table reads one port at a time");
    }
}
