// sock_diag against /proc/net/tcp on real loopback sockets: the same rows (state, addresses, inode, uid, ownership)
// for a listener, both ends of a connection, a TIME_WAIT and IPv6; and a port range.
package bindlab.agent.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.proto.v1.TcpRow;
import bindlab.proto.v1.TcpState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SockDiagTcpTableTest {
    static final int PORT = 46211;
    static final int PORT6 = 46212;
    private final List<AutoCloseable> open = new ArrayList<AutoCloseable>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private static List<TcpRow> sorted(List<TcpRow> rows) {
        List<TcpRow> out = new ArrayList<TcpRow>(rows);
        out.sort(Comparator.comparing(TcpRow::toString));
        return out;
    }

    private static void assertSameAsProc(SockDiagTcpTable diag, int port) throws IOException {
        assertThat(sorted(diag.rowsForPort(port))).isEqualTo(sorted(new ProcNetTcpTable().rowsForPort(port)));
    }

    @Test
    void listenerConnectionAndTimeWaitReadAsInProc() throws Exception {
        try (SockDiagTcpTable diag = SockDiagTcpTable.open()) {
            ServerSocket listener = new ServerSocket();
            open.add(listener);
            listener.bind(new InetSocketAddress("127.0.0.1", PORT));
            assertSameAsProc(diag, PORT);
            assertThat(diag.rowsForPort(PORT)).extracting(TcpRow::getState).containsExactly(TcpState.LISTEN);
            assertThat(diag.rowsForPort(PORT).get(0).getOwnedByAgent()).isTrue();

            Socket client = new Socket();
            open.add(client);
            client.connect(new InetSocketAddress("127.0.0.1", PORT));
            Socket accepted = listener.accept();
            assertSameAsProc(diag, PORT);
            assertThat(diag.rowsForPort(PORT)).extracting(TcpRow::getState)
                    .containsOnly(TcpState.LISTEN, TcpState.ESTABLISHED).hasSize(3);

            accepted.close(); // the accepted end closes first: TIME_WAIT once the client closes too
            client.close();
            long deadline = System.currentTimeMillis() + 5000;
            while (diag.rowsForPort(PORT).stream().noneMatch(r -> r.getState() == TcpState.TIME_WAIT)
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            assertSameAsProc(diag, PORT);
            TcpRow tw = diag.rowsForPort(PORT).stream().filter(r -> r.getState() == TcpState.TIME_WAIT).findFirst().get();
            assertThat(tw.getInode()).isZero();
            assertThat(tw.getOwnerPid()).isZero();
            assertThat(tw.getOwnedByAgent()).isFalse();
        }
    }

    @Test
    void ipv6AndRanges() throws Exception {
        try (SockDiagTcpTable diag = SockDiagTcpTable.open()) {
            ServerSocket v6 = new ServerSocket();
            open.add(v6);
            v6.bind(new InetSocketAddress(InetAddress.getByName("::1"), PORT6));
            assertSameAsProc(diag, PORT6);
            assertThat(diag.rowsForPort(PORT6)).extracting(r -> r.getLocal().getAddress()).containsExactly("::1");
            ServerSocket v4 = new ServerSocket();
            open.add(v4);
            v4.bind(new InetSocketAddress("127.0.0.1", PORT6 + 2));
            assertThat(diag.rowsForPorts(PORT6, PORT6 + 2)).extracting(r -> r.getLocal().getPort())
                    .containsExactlyInAnyOrder(PORT6, PORT6 + 2);
            assertThat(diag.rowsForPorts(PORT6 + 1, PORT6 + 1)).isEmpty();
        }
    }
}
