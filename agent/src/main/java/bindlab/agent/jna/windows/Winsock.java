// The ws2_32 calls the Windows backend makes, and the error code each failed call left: the seam between
// WinsockSocketApi and the DLL, so unit tests can drive every error path with a fake.
package bindlab.agent.jna.windows;

/**
 * The calls are {@link WinsockCalls}, as the DLL has them. {@link #lastError()} is the WSA code of the most recent
 * failed call on this thread; read it right after the call, before any other call through this seam.
 */
public interface Winsock extends WinsockCalls {

    /** WSAStartup(2.2); returns 0 or the error code itself (WSAStartup does not set the last error). */
    int startup();

    /** The WSA error code of the last failed call on this thread. */
    int lastError();

    /** Clears HANDLE_FLAG_INHERIT so child processes (netsh) never hold a copy; false if that failed. */
    boolean keepFromChildProcesses(SocketHandle s);
}
