// Tests the GetExtendedTcpTable parser on buffers built from the documented MIB_TCP(6)ROW_OWNER_PID layouts.
package bindlab.agent.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bindlab.proto.v1.TcpRow;
import bindlab.proto.v1.TcpState;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpTableParserTest {
    private static final long OWN_PID = 4242;
    private static final int[] ANY4 = {0, 0, 0, 0};
    private static final int[] LOOPBACK4 = {127, 0, 0, 1};

    @Test
    void rowLayoutsHaveTheDocumentedSizes() {
        assertThat(TcpTableParser.ROW_V4.size()).isEqualTo(24);
        assertThat(TcpTableParser.ROW_V4.offset("dwLocalPort")).isEqualTo(8);
        assertThat(TcpTableParser.ROW_V4.offset("dwOwningPid")).isEqualTo(20);
        assertThat(TcpTableParser.ROW_V6.size()).isEqualTo(56);
        assertThat(TcpTableParser.ROW_V6.offset("dwLocalScopeId")).isEqualTo(16);
        assertThat(TcpTableParser.ROW_V6.offset("dwLocalPort")).isEqualTo(20);
        assertThat(TcpTableParser.ROW_V6.offset("ucRemoteAddr")).isEqualTo(24);
        assertThat(TcpTableParser.ROW_V6.offset("dwRemotePort")).isEqualTo(44);
        assertThat(TcpTableParser.ROW_V6.offset("dwState")).isEqualTo(48);
        assertThat(TcpTableParser.ROW_V6.offset("dwOwningPid")).isEqualTo(52);
    }

    @Test
    void rowsStartRightAfterTheEntryCount() {
        assertThat(TcpTableParser.TABLE_V4.offset("table")).isEqualTo(4);
        assertThat(TcpTableParser.TABLE_V6.offset("table")).isEqualTo(4);
    }

    @Test
    void portDwordIsNetworkOrderInItsLowBytes() {
        byte[] b = TcpTableBuffers.withEntries(1).v4Row(5, LOOPBACK4, 8080, LOOPBACK4, 50000, 1).build();
        long dword = (b[12] & 0xffL) | (b[13] & 0xffL) << 8 | (b[14] & 0xffL) << 16 | (b[15] & 0xffL) << 24;
        assertThat(dword).as("dwLocalPort for 8080 read as a DWORD").isEqualTo(0x901F);
        assertThat(TcpTableParser.parseV4(b, OWN_PID).get(0).getLocal().getPort()).isEqualTo(8080);
    }

    @Test
    void parsesSeveralV4Rows() {
        byte[] b = TcpTableBuffers.withEntries(3)
                .v4Row(2, ANY4, 8080, ANY4, 0x1234, OWN_PID)
                .v4Row(5, LOOPBACK4, 8080, new int[] {198, 18, 0, 2}, 50000, OWN_PID)
                .v4Row(11, LOOPBACK4, 50001, LOOPBACK4, 8080, 0)
                .build();
        List<TcpRow> rows = TcpTableParser.parseV4(b, OWN_PID);
        assertThat(rows).hasSize(3);

        TcpRow listen = rows.get(0);
        assertThat(listen.getState()).isEqualTo(TcpState.LISTEN);
        assertThat(listen.getLocal().getAddress()).isEqualTo("0.0.0.0");
        assertThat(listen.getRemote().getPort()).as("a LISTEN row's remote port has no meaning").isZero();

        TcpRow established = rows.get(1);
        assertThat(established.getState()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(established.getLocal().getAddress()).isEqualTo("127.0.0.1");
        assertThat(established.getRemote().getAddress()).isEqualTo("198.18.0.2");
        assertThat(established.getRemote().getPort()).isEqualTo(50000);
        assertThat(established.getOwnerPid()).isEqualTo(OWN_PID);
        assertThat(established.getOwnedByAgent()).isTrue();

        TcpRow timeWait = rows.get(2);
        assertThat(timeWait.getState()).isEqualTo(TcpState.TIME_WAIT);
        assertThat(timeWait.getOwnerPid()).isZero();
        assertThat(timeWait.getOwnedByAgent()).isFalse();
        assertThat(timeWait.getInode()).isZero();
    }

    @Test
    void readsPidsAsUnsigned() {
        byte[] b = TcpTableBuffers.withEntries(1).v4Row(5, LOOPBACK4, 1, LOOPBACK4, 2, 0xFFFFFFF0L).build();
        assertThat(TcpTableParser.parseV4(b, OWN_PID).get(0).getOwnerPid()).isEqualTo(0xFFFFFFF0L);
    }

    @Test
    void parsesV6Rows() {
        int[] linkLocal = TcpTableBuffers.v6(1);
        linkLocal[0] = 0xfe;
        linkLocal[1] = 0x80;
        byte[] b = TcpTableBuffers.withEntries(2)
                .v6Row(TcpTableBuffers.v6(0), 0, 8080, TcpTableBuffers.v6(0), 0, 0, 2, OWN_PID)
                .v6Row(TcpTableBuffers.v6(1), 0, 8080, linkLocal, 7, 50123, 7, 999)
                .build();
        assertThat(b).hasSize(4 + 2 * 56);
        List<TcpRow> rows = TcpTableParser.parseV6(b, OWN_PID);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getLocal().getAddress()).isEqualTo("::");
        assertThat(rows.get(0).getRemote().getAddress()).isEqualTo("::");
        assertThat(rows.get(0).getState()).isEqualTo(TcpState.LISTEN);
        assertThat(rows.get(0).getOwnedByAgent()).isTrue();
        assertThat(rows.get(1).getLocal().getAddress()).isEqualTo("::1");
        assertThat(rows.get(1).getLocal().getPort()).isEqualTo(8080);
        assertThat(rows.get(1).getRemote().getAddress()).isEqualTo("fe80::1");
        assertThat(rows.get(1).getRemote().getPort()).isEqualTo(50123);
        assertThat(rows.get(1).getState()).isEqualTo(TcpState.FIN_WAIT_2);
        assertThat(rows.get(1).getOwnerPid()).isEqualTo(999);
        assertThat(rows.get(1).getOwnedByAgent()).isFalse();
    }

    @Test
    void emptyTableHasNoRows() {
        assertThat(TcpTableParser.parseV4(TcpTableBuffers.withEntries(0).build(), OWN_PID)).isEmpty();
        assertThat(TcpTableParser.parseV6(TcpTableBuffers.withEntries(0).build(), OWN_PID)).isEmpty();
    }

    @Test
    void ignoresSlackAfterTheLastRow() {
        byte[] b = TcpTableBuffers.withEntries(1).v4Row(5, LOOPBACK4, 1, LOOPBACK4, 2, 3).bytes(0xAA, 0xBB, 0xCC)
                .build();
        assertThat(TcpTableParser.parseV4(b, OWN_PID)).hasSize(1);
    }

    @Test
    void truncatedBufferIsAClearError() {
        byte[] full = TcpTableBuffers.withEntries(2).v4Row(5, LOOPBACK4, 1, LOOPBACK4, 2, 3)
                .v4Row(5, LOOPBACK4, 1, LOOPBACK4, 2, 3).build();
        byte[] cut = Arrays.copyOf(full, full.length - 1);
        assertThatThrownBy(() -> TcpTableParser.parseV4(cut, OWN_PID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated").hasMessageContaining("dwNumEntries = 2")
                .hasMessageContaining("needs 52 bytes").hasMessageContaining("holds 51");
        byte[] v6 = TcpTableBuffers.withEntries(1).bytes(new int[20]).build();
        assertThatThrownBy(() -> TcpTableParser.parseV6(v6, OWN_PID))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MIB_TCP6TABLE_OWNER_PID");
        assertThatThrownBy(() -> TcpTableParser.parseV4(new byte[3], OWN_PID))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too short");
    }

    @Test
    void hugeEntryCountDoesNotOverflow() {
        byte[] b = TcpTableBuffers.withEntries(-1).build(); // dwNumEntries 0xFFFFFFFF
        assertThatThrownBy(() -> TcpTableParser.parseV4(b, OWN_PID))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4294967295");
    }

    @Test
    void filtersByLocalOrRemotePortInARange() {
        byte[] b = TcpTableBuffers.withEntries(4)
                .v4Row(2, ANY4, 8080, ANY4, 0, 1)
                .v4Row(5, LOOPBACK4, 50000, LOOPBACK4, 8080, 1)
                .v4Row(5, LOOPBACK4, 9090, LOOPBACK4, 50001, 1)
                .v4Row(2, ANY4, 9091, ANY4, 8080, 1) // LISTEN: its remote port is ignored
                .build();
        List<TcpRow> all = TcpTableParser.parseV4(b, OWN_PID);
        assertThat(TcpTableParser.forPorts(all, 8080, 8080)).extracting(r -> r.getLocal().getPort())
                .containsExactly(8080, 50000);
        assertThat(TcpTableParser.forPorts(all, 9090, 50000)).as("a range: one read answers for many ports")
                .extracting(r -> r.getLocal().getPort()).containsExactly(50000, 9090, 9091);
    }

    @Test
    void mapsEveryMibTcpState() {
        TcpState[] expected = {TcpState.CLOSED, TcpState.LISTEN, TcpState.SYN_SENT, TcpState.SYN_RECV,
            TcpState.ESTABLISHED, TcpState.FIN_WAIT_1, TcpState.FIN_WAIT_2, TcpState.CLOSE_WAIT, TcpState.CLOSING,
            TcpState.LAST_ACK, TcpState.TIME_WAIT, TcpState.DELETE_TCB};
        for (int mib = 1; mib <= 12; mib++) {
            assertThat(TcpTableParser.state(mib)).as("MIB_TCP_STATE " + mib).isEqualTo(expected[mib - 1]);
        }
        assertThat(TcpTableParser.state(0)).isEqualTo(TcpState.TCP_STATE_UNSPECIFIED);
        assertThat(TcpTableParser.state(13)).isEqualTo(TcpState.TCP_STATE_UNSPECIFIED);
    }
}
