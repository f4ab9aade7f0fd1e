// Linux send-until-blocked on a real loopback connection whose peer does not read: once it returns, a FIN must stay
// queued behind the data (the zero-window FIN_WAIT_1, LAST_ACK and CLOSING cells stand on this); and the TCP_INFO
// reading that decides when the peer's window is used up, on hand-made structs.
package bindlab.agent.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.agent.platform.OsResult;
import bindlab.proto.v1.Family;
import bindlab.proto.v1.ShutdownHow;
import bindlab.proto.v1.TcpRow;
import bindlab.proto.v1.TcpState;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendUntilBlockedTest {
    private final PosixSocketApi api = new PosixSocketApi();

    @Test
    void afterItReturnsTheFinStaysBehindTheDataUntilThePeerReads() throws Exception {
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            long fd = api.open(Family.INET).value;
            try {
                assertThat(api.connect(fd, new InetSocketAddress("127.0.0.1", listener.getLocalPort()), 2000).ok)
                        .isTrue();
                try (Socket peer = listener.accept()) {
                    OsResult sent = api.sendUntilBlocked(fd, 5000);
                    assertThat(sent.ok).as(sent.toString()).isTrue();
                    assertThat(sent.value).isPositive();
                    assertThat(api.shutdown(fd, ShutdownHow.SHUT_WR).ok).isTrue();
                    int port = api.localAddress(fd).getPort();
                    Thread.sleep(300); // had the data drained, the FIN would have gone and been acknowledged by now
                    assertThat(stateOf(port)).isEqualTo(TcpState.FIN_WAIT_1);
                    // the peer reads: every byte counted, then the FIN
                    long read = 0;
                    byte[] buf = new byte[64 * 1024];
                    InputStream in = peer.getInputStream();
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        read += n;
                    }
                    assertThat(read).isEqualTo(sent.value);
                }
            } finally {
                api.close(fd, true);
            }
        }
    }

    private static TcpState stateOf(int localPort) throws Exception {
        List<TcpRow> rows = new ProcNetTcpTable().rowsForPort(localPort);
        for (TcpRow r : rows) {
            if (r.getLocal().getPort() == localPort) {
                return r.getState();
            }
        }
        return null;
    }

    @Test
    void theWindowIsUsedUpOnlyWithDataWaitingAndLessThanASegmentOfRoom() {
        // mss 1448, window 65536: 65536 in flight leaves nothing; 60000 in flight leaves 5536, room for a segment
        assertThat(TcpInfo.windowUsedUp(info(1448, 65536, 65536, 1000), TcpInfo.SIZE)).isTrue();
        assertThat(TcpInfo.windowUsedUp(info(1448, 65536, 60000, 1000), TcpInfo.SIZE)).isFalse();
        assertThat(TcpInfo.windowUsedUp(info(1448, 0, 0, 1000), TcpInfo.SIZE)).isTrue(); // a zero window
        assertThat(TcpInfo.windowUsedUp(info(1448, 0, 0, 0), TcpInfo.SIZE)).as("nothing waits").isFalse();
        // a kernel whose tcp_info ends before tcpi_snd_wnd cannot say: the settle time alone decides
        assertThat(TcpInfo.windowUsedUp(info(1448, 65536, 60000, 1000), TcpInfo.SIZE - 4)).isTrue();
    }

    /** A tcp_info with these fields (bytes sent = in flight + acked, 10 of them retransmitted). */
    private static byte[] info(int mss, int window, long inFlight, int notSent) {
        ByteBuffer b = ByteBuffer.allocate(TcpInfo.SIZE).order(ByteOrder.nativeOrder());
        long acked = 5_000_000;
        b.putInt(16, mss).putLong(120, acked).putInt(144, notSent).putLong(200, acked + inFlight + 10)
                .putLong(208, 10).putInt(228, window);
        return b.array();
    }
}
