// An Impersonation that succeeds unless a test says otherwise, recording each call into a shared list (the same one
// a FakeWinsock records into, so the order of impersonate, socket and revert is visible); runs on any OS.
package bindlab.agent.platform.windows;

import bindlab.agent.jna.windows.Impersonation;
import java.util.List;

class FakeImpersonation implements Impersonation {
    final List<String> calls;
    long token = 0x7700;
    /** Logon error codes, one per logonUser call in turn; 0 (or none left) = success. */
    int[] logonErrors = {};
    int impersonateError;
    int revertError;
    int lastError;
    private int logons;

    FakeImpersonation(List<String> calls) {
        this.calls = calls;
    }

    @Override
    public long logonUser(String user, String domain, String password, int logonType, int provider) {
        calls.add("LogonUser " + domain + "\\" + user + " type " + logonType);
        int err = logons < logonErrors.length ? logonErrors[logons] : 0;
        logons++;
        if (err != 0) {
            lastError = err;
            return 0;
        }
        return token;
    }

    @Override
    public boolean impersonateLoggedOnUser(long t) {
        calls.add("ImpersonateLoggedOnUser " + Long.toHexString(t));
        if (impersonateError != 0) {
            lastError = impersonateError;
            return false;
        }
        return true;
    }

    @Override
    public boolean revertToSelf() {
        calls.add("RevertToSelf");
        if (revertError != 0) {
            lastError = revertError;
            return false;
        }
        return true;
    }

    @Override
    public boolean closeHandle(long t) {
        calls.add("CloseHandle " + Long.toHexString(t));
        return true;
    }

    @Override
    public int lastError() {
        return lastError;
    }
}
