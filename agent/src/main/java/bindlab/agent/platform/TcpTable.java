// The OS's TCP connection table, read as rows in the portable state set.
package bindlab.agent.platform;

import bindlab.proto.v1.TcpRow;
import java.io.IOException;
import java.util.List;

public interface TcpTable {

    /**
     * Every row, IPv4 and IPv6, whose local or remote port lies in low..high: one read of the table, so a campaign
     * checks many ports in one step (ObserveTcp.port_high).
     */
    List<TcpRow> rowsForPorts(int low, int high) throws IOException;

    /** Every row whose local or remote port equals port. */
    default List<TcpRow> rowsForPort(int port) throws IOException {
        return rowsForPorts(port, port);
    }
}
