// Winsock's WSADATA, filled by WSAStartup; its field order differs between 32- and 64-bit Windows.
package bindlab.agent.jna.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import java.util.List;

/**
 * winsock2.h declares iMaxSockets, iMaxUdpDg and lpVendorInfo before the strings under _WIN64 and after them
 * otherwise; sizes are 408 (x64) and 400 (x86). The agent only needs wVersion, but WSAStartup writes all of it,
 * so the buffer must be the full size.
 */
public final class WsaData extends Structure {
    public static final int WSADESCRIPTION_LEN = 256;
    public static final int WSASYS_STATUS_LEN = 128;

    public short wVersion;
    public short wHighVersion;
    public short iMaxSockets;
    public short iMaxUdpDg;
    public Pointer lpVendorInfo;
    public byte[] szDescription = new byte[WSADESCRIPTION_LEN + 1];
    public byte[] szSystemStatus = new byte[WSASYS_STATUS_LEN + 1];

    public WsaData() {
        super(ALIGN_MSVC);
    }

    public static CLayout layout(int pointerSize) {
        CLayout.Builder b = CLayout.of("WSADATA", pointerSize).u16("wVersion").u16("wHighVersion");
        if (pointerSize == 8) {
            b.u16("iMaxSockets").u16("iMaxUdpDg").pointer("lpVendorInfo");
            b.array("szDescription", 1, WSADESCRIPTION_LEN + 1).array("szSystemStatus", 1, WSASYS_STATUS_LEN + 1);
        } else {
            b.array("szDescription", 1, WSADESCRIPTION_LEN + 1).array("szSystemStatus", 1, WSASYS_STATUS_LEN + 1);
            b.u16("iMaxSockets").u16("iMaxUdpDg").pointer("lpVendorInfo");
        }
        return b.build();
    }

    /** The order follows the documented layout for this JVM's pointer size. */
    @Override
    protected List<String> getFieldOrder() {
        return layout(Native.POINTER_SIZE).fieldNames();
    }

    public int offsetOf(String field) {
        return fieldOffset(field);
    }
}
