// The advapi32/kernel32 calls that open a socket as another local user: log the account on once, impersonate it on
// the calling thread around socket(), revert right after; the seam lets unit tests drive every path with a fake.
package bindlab.agent.jna.windows;

/**
 * Tokens are HANDLE values widened to long (0 = none). {@link #lastError()} is GetLastError of the most recent failed
 * call on this thread; read it right after the call.
 */
public interface Impersonation {
    /** LOGON32_LOGON_INTERACTIVE: the right every member of Users has on a workstation ("Allow log on locally"). */
    int LOGON_INTERACTIVE = 2;
    /** LOGON32_LOGON_NETWORK: "Access this computer from the network"; the fallback where interactive is denied. */
    int LOGON_NETWORK = 3;
    /** LOGON32_PROVIDER_DEFAULT. */
    int PROVIDER_DEFAULT = 0;
    /** ERROR_LOGON_TYPE_NOT_GRANTED: the account may not log on this way; try the next logon type. */
    int ERROR_LOGON_TYPE_NOT_GRANTED = 1385;

    /** LogonUserW; the primary token, or 0 when it failed. */
    long logonUser(String user, String domain, String password, int logonType, int provider);

    /** ImpersonateLoggedOnUser(token) for the calling thread. */
    boolean impersonateLoggedOnUser(long token);

    /** RevertToSelf for the calling thread. */
    boolean revertToSelf();

    /** CloseHandle(token). */
    boolean closeHandle(long token);

    /** GetLastError of the last failed call on this thread. */
    int lastError();
}
