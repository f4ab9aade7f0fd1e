// Builds GetExtendedTcpTable buffers byte by byte from the documented layout, for the parser tests.
package bindlab.agent.platform.windows;

import java.io.ByteArrayOutputStream;

/** Written independently of TcpTableParser's layout constants, so the test does not check the parser against itself. */
final class TcpTableBuffers {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static TcpTableBuffers withEntries(int count) {
        TcpTableBuffers b = new TcpTableBuffers();
        b.dword(count);
        return b;
    }

    /** A DWORD in memory order (little-endian). */
    TcpTableBuffers dword(long value) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (value >>> (8 * i)) & 0xff);
        }
        return this;
    }

    /** A port DWORD as Windows stores it: the port in network order in its first two bytes. */
    TcpTableBuffers port(int port) {
        out.write(port >>> 8);
        out.write(port & 0xff);
        out.write(0);
        out.write(0);
        return this;
    }

    TcpTableBuffers bytes(int... values) {
        for (int v : values) {
            out.write(v);
        }
        return this;
    }

    /** MIB_TCPROW_OWNER_PID: dwState, dwLocalAddr, dwLocalPort, dwRemoteAddr, dwRemotePort, dwOwningPid. */
    TcpTableBuffers v4Row(int state, int[] local, int localPort, int[] remote, int remotePort, long pid) {
        return dword(state).bytes(local).port(localPort).bytes(remote).port(remotePort).dword(pid);
    }

    /** MIB_TCP6ROW_OWNER_PID: local addr+scope+port, remote addr+scope+port, dwState, dwOwningPid. */
    TcpTableBuffers v6Row(int[] local, long localScope, int localPort, int[] remote, long remoteScope, int remotePort,
            int state, long pid) {
        return bytes(local).dword(localScope).port(localPort).bytes(remote).dword(remoteScope).port(remotePort)
                .dword(state).dword(pid);
    }

    byte[] build() {
        return out.toByteArray();
    }

    static int[] v6(int lastByte) {
        int[] a = new int[16];
        a[15] = lastByte;
        return a;
    }
}
