// JNA binding to ntdll's RtlGetVersion, which reports the true OS version (GetVersionEx lies without a manifest).
package bindlab.agent.jna.windows;

import com.sun.jna.Native;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/** NTAPI is __stdcall on x86. Loaded lazily through a holder, like {@link Ws2_32}. */
public interface Ntdll extends StdCallLibrary {
    int STATUS_SUCCESS = 0;

    static Ntdll lib() {
        return Holder.INSTANCE;
    }

    /** Initialised on first use of lib() only. */
    final class Holder {
        static final Ntdll INSTANCE = Native.load("ntdll", Ntdll.class, W32APIOptions.DEFAULT_OPTIONS);

        private Holder() {
        }
    }

    /** info.dwOSVersionInfoSize must be set to the structure's size first; returns an NTSTATUS. */
    int RtlGetVersion(RtlOsVersionInfoExW info);
}
