// JNA binding to iphlpapi's GetExtendedTcpTable, declared here like the other Windows calls: __stdcall (WINAPI),
// which jna-platform's IPHlpAPI (a plain Library, so cdecl) gets wrong on 32-bit Windows.
package bindlab.agent.jna.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;

/** Loaded lazily through a holder, like {@link Ws2_32}: reading a constant on Linux loads nothing. */
public interface IpHlpApi extends StdCallLibrary {
    int NO_ERROR = 0;
    int ERROR_NOT_SUPPORTED = 50;
    int ERROR_INSUFFICIENT_BUFFER = 122;
    /** TCP_TABLE_CLASS.TCP_TABLE_OWNER_PID_ALL: every state, with the owning process id. */
    int TCP_TABLE_OWNER_PID_ALL = 5;

    static IpHlpApi lib() {
        return Holder.INSTANCE;
    }

    /** Initialised on first use of lib() only. */
    final class Holder {
        static final IpHlpApi INSTANCE = Native.load("iphlpapi", IpHlpApi.class);

        private Holder() {
        }
    }

    /**
     * DWORD GetExtendedTcpTable(PVOID pTcpTable, PDWORD pdwSize, BOOL bOrder, ULONG ulAf, TCP_TABLE_CLASS TableClass,
     * ULONG Reserved). BOOL, ULONG and the enum are 32-bit on x86 and x64 alike; table may be null to ask the size.
     */
    int GetExtendedTcpTable(Pointer table, IntByReference size, int order, int af, int tableClass, int reserved);
}
