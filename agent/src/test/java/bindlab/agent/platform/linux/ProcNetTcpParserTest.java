// Parses lines captured from this machine's /proc/net/tcp and /proc/net/tcp6.
package bindlab.agent.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bindlab.proto.v1.TcpRow;
import bindlab.proto.v1.TcpState;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcNetTcpParserTest {
    static final String TCP = String.join("\n",
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
            "   0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1150 1 000000006c37a0d7 100 0 0 10 0",
            "   1: 0200007F:9C43 0100007F:C0FE 06 00000000:00000000 03:000004EE 00000000     0        0 0 3 00000000c6f42112",
            "");
    static final String TCP6 = String.join("\n",
            "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
            "   0: 0000000000000000FFFF0000010012C6:8BE3 0000000000000000FFFF0000020012C6:9B3E 06 00000000:00000000 03:000003A8 00000000     0        0 0 3 0000000018dca45d",
            "   1: 00000000000000000000000001000000:A028 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0");

    private final ProcNetTcpParser parser = new ProcNetTcpParser(ByteOrder.LITTLE_ENDIAN);

    @Test
    void listenerRowWithOwnInode() {
        List<TcpRow> rows = parser.parse(TCP, 2024, Collections.singleton(1150L), 77);
        assertThat(rows).hasSize(1);
        TcpRow r = rows.get(0);
        assertThat(r.getLocal().getAddress()).isEqualTo("0.0.0.0");
        assertThat(r.getLocal().getPort()).isEqualTo(0x07E8);
        assertThat(r.getState()).isEqualTo(TcpState.LISTEN);
        assertThat(r.getOwnedByAgent()).isTrue();
        assertThat(r.getOwnerPid()).isEqualTo(77);
    }

    @Test
    void timeWaitRowIsKernelHeldAndMatchesByEitherPort() {
        List<TcpRow> byLocal = parser.parse(TCP, 0x9C43, Collections.<Long>emptySet(), 77);
        List<TcpRow> byRemote = parser.parse(TCP, 0xC0FE, Collections.<Long>emptySet(), 77);
        assertThat(byLocal).containsExactlyElementsOf(byRemote);
        TcpRow r = byLocal.get(0);
        assertThat(r.getLocal().getAddress()).isEqualTo("127.0.0.2");
        assertThat(r.getRemote().getAddress()).isEqualTo("127.0.0.1");
        assertThat(r.getState()).isEqualTo(TcpState.TIME_WAIT);
        assertThat(r.getInode()).isZero();
        assertThat(r.getOwnerPid()).isZero();
    }

    @Test
    void ipv6RowsIncludingV4Mapped() {
        List<TcpRow> mapped = parser.parse(TCP6, 0x8BE3, Collections.<Long>emptySet(), 1);
        // the same text as the Windows table parser and the step results: canonical RFC 5952, mapped kept as such
        assertThat(mapped.get(0).getLocal().getAddress()).isEqualTo("::ffff:198.18.0.1");
        assertThat(mapped.get(0).getRemote().getAddress()).isEqualTo("::ffff:198.18.0.2");
        List<TcpRow> loop6 = parser.parse(TCP6, 0xA028, Collections.<Long>emptySet(), 1);
        assertThat(loop6.get(0).getLocal().getAddress()).isEqualTo("::1");
        assertThat(loop6.get(0).getState()).isEqualTo(TcpState.LISTEN);
        assertThat(loop6.get(0).getOwnerPid()).isEqualTo(-1); // another process's socket
    }

    @Test
    void bigEndianHostsPrintWordsTheOtherWay() {
        ProcNetTcpParser be = new ProcNetTcpParser(ByteOrder.BIG_ENDIAN);
        assertThat(be.address("7F000001")).isEqualTo("127.0.0.1");
    }

    @Test
    void everyStateCodeMaps() {
        TcpState[] expected = {TcpState.ESTABLISHED, TcpState.SYN_SENT, TcpState.SYN_RECV, TcpState.FIN_WAIT_1,
            TcpState.FIN_WAIT_2, TcpState.TIME_WAIT, TcpState.CLOSED, TcpState.CLOSE_WAIT, TcpState.LAST_ACK,
            TcpState.LISTEN, TcpState.CLOSING, TcpState.NEW_SYN_RECV};
        for (int code = 1; code <= 12; code++) {
            assertThat(ProcNetTcpParser.state(code)).isEqualTo(expected[code - 1]);
        }
        assertThatThrownBy(() -> ProcNetTcpParser.state(13)).hasMessageContaining("13");
    }

    @Test
    void malformedAddressIsNamed() {
        assertThatThrownBy(() -> parser.endpoint("0100007F")).hasMessageContaining("ADDR:PORT");
        assertThatThrownBy(() -> parser.address("ABC")).hasMessageContaining("8 or 32");
    }
}
