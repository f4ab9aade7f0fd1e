// The TCP table's size negotiation with GetExtendedTcpTable (through a fake call), and that the call is bound
// __stdcall in this project's own binding rather than through jna-platform's cdecl IPHlpAPI.
package bindlab.agent.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bindlab.agent.jna.windows.IpHlpApi;
import bindlab.agent.jna.windows.Ntdll;
import bindlab.agent.jna.windows.Ws2_32;
import bindlab.proto.v1.TcpRow;
import bindlab.proto.v1.TcpState;
import com.sun.jna.win32.StdCallLibrary;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowsTcpTableTest {

    @Test
    void growsTheBufferUntilTheTableFitsThenParsesIt() throws Exception {
        final byte[] v4 = TcpTableBuffers.withEntries(1).dword(2).bytes(127, 0, 0, 1).port(40000).bytes(0, 0, 0, 0)
                .port(0).dword(0).build();
        final int[] calls = {0};
        WindowsTcpTable table = new WindowsTcpTable((buffer, size, af) -> {
            calls[0]++;
            if (af == Ws2_32.AF_INET6) {
                return IpHlpApi.ERROR_NOT_SUPPORTED;
            }
            if (buffer == null || size.getValue() < v4.length) {
                size.setValue(v4.length);
                return IpHlpApi.ERROR_INSUFFICIENT_BUFFER;
            }
            buffer.write(0, v4, 0, v4.length);
            return IpHlpApi.NO_ERROR;
        }, 77);
        List<TcpRow> rows = table.rowsForPort(40000);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getState()).isEqualTo(TcpState.LISTEN);
        assertThat(calls[0]).as("size query, read, then v6 (not supported)").isEqualTo(3);
    }

    @Test
    void anErrorIsNamedAndATableThatKeepsGrowingGivesUp() {
        WindowsTcpTable failing = new WindowsTcpTable((buffer, size, af) -> 87, 1);
        assertThatThrownBy(() -> failing.rowsForPort(1)).hasMessageContaining("GetExtendedTcpTable(AF_INET) failed with error 87");
        WindowsTcpTable growing = new WindowsTcpTable((buffer, size, af) -> {
            size.setValue(size.getValue() * 2 + 4096);
            return IpHlpApi.ERROR_INSUFFICIENT_BUFFER;
        }, 1);
        assertThatThrownBy(() -> growing.rowsForPort(1)).hasMessageContaining("after " + WindowsTcpTable.ATTEMPTS + " attempts");
    }

    /**
     * TCP_TABLE_OWNER_PID_ALL is 5 (iprtrmib.h); 4, TCP_TABLE_OWNER_PID_CONNECTIONS, leaves LISTEN rows out. Only the
     * Wine lane caught that break before this check existed (see README, "What ran under Wine").
     */
    @Test
    void theTableClassIncludesListeners() {
        assertThat(IpHlpApi.TCP_TABLE_OWNER_PID_ALL).isEqualTo(5);
        assertThat(IpHlpApi.ERROR_INSUFFICIENT_BUFFER).isEqualTo(122);
        assertThat(IpHlpApi.ERROR_NOT_SUPPORTED).isEqualTo(50);
    }

    /** WINAPI is __stdcall: on 32-bit Windows a cdecl declaration corrupts the stack on return. */
    @Test
    void everyWindowsBindingIsStdcall() {
        assertThat(StdCallLibrary.class).isAssignableFrom(IpHlpApi.class);
        assertThat(StdCallLibrary.class).isAssignableFrom(Ws2_32.class);
        assertThat(StdCallLibrary.class).isAssignableFrom(Ntdll.class);
    }

    /** The class file names every class it uses: jna-platform's IPHlpAPI (declared as a plain, cdecl Library) is not one. */
    @Test
    void theTableDoesNotUseJnaPlatformsIphlpapi() throws Exception {
        try (InputStream in = WindowsTcpTable.class.getResourceAsStream("WindowsTcpTable.class")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[4096];
            for (int n; (n = in.read(chunk)) > 0; ) {
                out.write(chunk, 0, n);
            }
            String constants = new String(out.toByteArray(), StandardCharsets.ISO_8859_1);
            assertThat(constants).doesNotContain("com/sun/jna/platform/win32/IPHlpAPI").contains("bindlab/agent/jna/windows/IpHlpApi");
        }
    }
}
