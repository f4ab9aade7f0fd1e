// The inet_diag request and its filter bytecode byte for byte, the answer parsed from canned bytes, and the
// bytecode run by a copy of the kernel's interpreter (inet_diag_bc_run) on ports inside and outside the range.
package bindlab.agent.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bindlab.proto.v1.TcpRow;
import bindlab.proto.v1.TcpState;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InetDiagTest {
    /** The kernel's inet_diag_bc_run for the port ops this filter uses; accepted when the program ends exactly. */
    static boolean run(byte[] bc, int sport, int dport) {
        ByteBuffer b = ByteBuffer.wrap(bc).order(ByteOrder.nativeOrder());
        int at = 0;
        int len = bc.length;
        while (len > 0) {
            int code = b.get(at);
            int yesJump = b.get(at + 1) & 0xff;
            int noJump = b.getShort(at + 2) & 0xffff;
            int port = code == InetDiag.BC_JMP ? 0 : b.getShort(at + 6) & 0xffff;
            boolean yes;
            switch (code) {
                case InetDiag.BC_JMP: yes = false; break;
                case InetDiag.BC_S_GE: yes = sport >= port; break;
                case InetDiag.BC_S_LE: yes = sport <= port; break;
                case InetDiag.BC_D_GE: yes = dport >= port; break;
                case InetDiag.BC_D_LE: yes = dport <= port; break;
                default: throw new AssertionError("op " + code);
            }
            int jump = yes ? yesJump : noJump;
            len -= jump;
            at += jump;
        }
        return len == 0;
    }

    @Test
    void filterKeepsEitherPortInTheRange() {
        byte[] bc = InetDiag.bytecode(40000, 40009);
        assertThat(run(bc, 40000, 1)).isTrue();
        assertThat(run(bc, 40009, 1)).isTrue();
        assertThat(run(bc, 1, 40005)).isTrue();
        assertThat(run(bc, 39999, 40010)).isFalse();
        assertThat(run(bc, 40010, 39999)).isFalse();
        byte[] one = InetDiag.bytecode(40001, 40001);
        assertThat(run(one, 40001, 80)).isTrue();
        assertThat(run(one, 80, 40001)).isTrue();
        assertThat(run(one, 40002, 40000)).isFalse();
    }

    @Test
    void requestLayout() {
        ByteBuffer b = ByteBuffer.wrap(InetDiag.request(10, 7, 40001, 40001)).order(ByteOrder.nativeOrder());
        assertThat(b.getInt(0)).isEqualTo(b.capacity()).isEqualTo(16 + 56 + 4 + 36);
        assertThat(b.getShort(4)).isEqualTo((short) 20);
        assertThat(b.getShort(6)).isEqualTo((short) 0x301);
        assertThat(b.getInt(8)).isEqualTo(7);
        assertThat(b.get(16)).isEqualTo((byte) 10);
        assertThat(b.get(17)).isEqualTo((byte) 6);
        assertThat(b.getInt(20)).isEqualTo(0x1fff);
        assertThat(b.getShort(72)).isEqualTo((short) 40);
        assertThat(b.getShort(74)).isEqualTo((short) 1);
    }

    /** One inet_diag_msg as the kernel sends it: a TIME_WAIT 198.18.0.2:40001 -> 198.18.0.3:51000. */
    static byte[] answer(int seq, int state, long inode) {
        ByteBuffer b = ByteBuffer.allocate(16 + 72 + 16 + 4).order(ByteOrder.nativeOrder());
        b.putInt(16 + 72).putShort((short) 20).putShort((short) 2).putInt(seq).putInt(0);
        b.put((byte) 2).put((byte) state).put((byte) 0).put((byte) 0);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) 40001).putShort((short) 51000);
        b.put(new byte[] {(byte) 198, 18, 0, 2}).put(new byte[12]).put(new byte[] {(byte) 198, 18, 0, 3}).put(new byte[12]);
        b.order(ByteOrder.nativeOrder()).putInt(0).putLong(0);
        b.putInt(0).putInt(0).putInt(0).putInt(65534).putInt((int) inode);
        b.putInt(16 + 4).putShort((short) 3).putShort((short) 2).putInt(seq).putInt(0).putInt(0);
        b.flip();
        return b.array();
    }

    @Test
    void parsesRowsUntilDone() {
        List<TcpRow> rows = new ArrayList<TcpRow>();
        InetDiag.Chunk c = InetDiag.parse(ByteBuffer.wrap(answer(5, 6, 0)), 5, rows, 99);
        assertThat(c.done).isTrue();
        assertThat(rows).hasSize(1);
        TcpRow r = rows.get(0);
        assertThat(r.getState()).isEqualTo(TcpState.TIME_WAIT);
        assertThat(r.getLocal().getAddress()).isEqualTo("198.18.0.2");
        assertThat(r.getLocal().getPort()).isEqualTo(40001);
        assertThat(r.getRemote().getAddress()).isEqualTo("198.18.0.3");
        assertThat(r.getRemote().getPort()).isEqualTo(51000);
        assertThat(r.getUid()).isEqualTo(65534);
        assertThat(r.getInode()).isZero();
        assertThat(r.getOwnerPid()).isZero();
        List<TcpRow> other = new ArrayList<TcpRow>();
        assertThat(InetDiag.parse(ByteBuffer.wrap(answer(5, 6, 0)), 6, other, 99).done).isFalse();
        assertThat(other).as("another request's answer is skipped").isEmpty();
    }

    @Test
    void aRowHeldByAnotherProcessHasUnknownOwner() {
        List<TcpRow> rows = new ArrayList<TcpRow>();
        InetDiag.parse(ByteBuffer.wrap(answer(1, 10, 0x7fffff01L)), 1, rows, 99);
        assertThat(rows.get(0).getState()).isEqualTo(TcpState.LISTEN);
        assertThat(rows.get(0).getOwnerPid()).isEqualTo(-1);
        assertThat(rows.get(0).getOwnedByAgent()).isFalse();
    }

    @Test
    void kernelErrorIsReported() {
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        b.putInt(20).putShort((short) 2).putShort((short) 0).putInt(3).putInt(0).putInt(-22).flip();
        assertThatThrownBy(() -> InetDiag.parse(b, 3, new ArrayList<TcpRow>(), 1))
                .hasMessageContaining("errno 22");
    }

    @Test
    void halfOpenRowsTakeTheirListenersUid() {
        List<TcpRow> rows = new ArrayList<TcpRow>();
        rows.add(TcpRow.newBuilder().setState(TcpState.SYN_RECV).setUid(0)
                .setLocal(bindlab.proto.v1.Endpoint.newBuilder().setPort(40001)).build());
        rows.add(TcpRow.newBuilder().setState(TcpState.LISTEN).setUid(65534).setInode(5)
                .setLocal(bindlab.proto.v1.Endpoint.newBuilder().setPort(40001)).build());
        assertThat(SockDiagTcpTable.listenerUids(rows).get(0).getUid()).isEqualTo(65534);
    }
}
