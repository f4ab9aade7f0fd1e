// The real impersonation calls: LogonUserW, ImpersonateLoggedOnUser and RevertToSelf in advapi32, CloseHandle in
// kernel32, through jna-platform's bindings; lastError() is the code JNA saved right after the call.
package bindlab.agent.jna.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinNT;

public final class JnaImpersonation implements Impersonation {
    private JnaImpersonation() {
    }

    /** Loads advapi32.dll and kernel32.dll (the first call does). */
    public static Impersonation load() {
        return new JnaImpersonation();
    }

    @Override
    public long logonUser(String user, String domain, String password, int logonType, int provider) {
        WinNT.HANDLEByReference token = new WinNT.HANDLEByReference();
        if (!Advapi32.INSTANCE.LogonUser(user, domain, password, logonType, provider, token)) {
            return 0;
        }
        return Pointer.nativeValue(token.getValue().getPointer());
    }

    @Override
    public boolean impersonateLoggedOnUser(long token) {
        return Advapi32.INSTANCE.ImpersonateLoggedOnUser(handle(token));
    }

    @Override
    public boolean revertToSelf() {
        return Advapi32.INSTANCE.RevertToSelf();
    }

    @Override
    public boolean closeHandle(long token) {
        return Kernel32.INSTANCE.CloseHandle(handle(token));
    }

    @Override
    public int lastError() {
        return Native.getLastError();
    }

    private static WinNT.HANDLE handle(long value) {
        return new WinNT.HANDLE(new Pointer(value));
    }
}
