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
    /** Ports with no row at all (a TIME_WAIT left by an earlier run, on Java 17 before this Java 8 one, lasts 60 s). */
    private final int port = fresh(46200);
    private final int port6 = fresh(port + 1);
    private final List<AutoCloseable> open = new ArrayList<AutoCloseable>();

    /** The first port from 'from' whose table, and the next two ports' tables, show nothing. */
    static int fresh(int from) {
        try {
            for (int p = from; p < from + 200; p++) {
                if (new ProcNetTcpTable().rowsForPorts(p, p + 2).isEmpty()) {
                    return p;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no clean port from " + from);
    }

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
            listener.bind(new InetSocketAddress("127.0.0.1", port));
            assertSameAsProc(diag, port);
            assertThat(diag.rowsForPort(port)).extracting(TcpRow::getState).containsExactly(TcpState.LISTEN);
            assertThat(diag.rowsForPort(port).get(0).getOwnedByAgent()).isTrue();

            Socket client = new Socket();
            open.add(client);
            client.connect(new InetSocketAddress("127.0.0.1", port));
            Socket accepted = listener.accept();
            assertSameAsProc(diag, port);
            assertThat(diag.rowsForPort(port)).extracting(TcpRow::getState)
                    .containsOnly(TcpState.LISTEN, TcpState.ESTABLISHED).hasSize(3);

            accepted.close(); // the accepted end closes first: TIME_WAIT once the client closes too
            client.close();
            long deadline = System.currentTimeMillis() + 5000;
            while (diag.rowsForPort(port).stream().noneMatch(r -> r.getState() == TcpState.TIME_WAIT)
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            assertSameAsProc(diag, port);
            TcpRow tw = diag.rowsForPort(port).stream().filter(r -> r.getState() == TcpState.TIME_WAIT).findFirst().get();
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
            v6.bind(new InetSocketAddress(InetAddress.getByName("::1"), port6));
            assertSameAsProc(diag, port6);
            assertThat(diag.rowsForPort(port6)).extracting(r -> r.getLocal().getAddress()).containsExactly("::1");
            ServerSocket v4 = new ServerSocket();
            open.add(v4);
            v4.bind(new InetSocketAddress("127.0.0.1", port6 + 2));
            assertThat(diag.rowsForPorts(port6, port6 + 2)).extracting(r -> r.getLocal().getPort())
                    .containsExactlyInAnyOrder(port6, port6 + 2);
            assertThat(diag.rowsForPorts(port6 + 1, port6 + 1)).isEmpty();
        }
    }
}
