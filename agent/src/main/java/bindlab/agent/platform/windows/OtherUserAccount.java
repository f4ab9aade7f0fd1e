// Another local user's sockets on Windows: the dedicated account is logged on once (its token kept for the agent's
// life), and a socket is created while the calling thread impersonates it, reverted right after, so the socket's
// owner is that account (Winsock checks a second bind against the first socket's owner).
package bindlab.agent.platform.windows;

import bindlab.agent.jna.windows.Impersonation;
import bindlab.agent.platform.OsResult;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Only socket() runs as the other user: setsockopt, bind and listen run as the agent, as the different-user cases
 * of Microsoft's table are about who owns each socket. The token is a logon of the account (interactive, or network
 * where interactive is not granted), never duplicated or passed on; it is closed with the agent.
 */
public final class OtherUserAccount {
    private static final Logger LOG = Logger.getLogger(OtherUserAccount.class.getName());
    private static final Map<Integer, String> WIN32 = new HashMap<Integer, String>();

    static {
        WIN32.put(5, "ERROR_ACCESS_DENIED");
        WIN32.put(6, "ERROR_INVALID_HANDLE");
        WIN32.put(1314, "ERROR_PRIVILEGE_NOT_HELD");
        WIN32.put(1326, "ERROR_LOGON_FAILURE");
        WIN32.put(1327, "ERROR_ACCOUNT_RESTRICTION");
        WIN32.put(1330, "ERROR_PASSWORD_EXPIRED");
        WIN32.put(1331, "ERROR_ACCOUNT_DISABLED");
        WIN32.put(1346, "ERROR_BAD_IMPERSONATION_LEVEL");
        WIN32.put(Impersonation.ERROR_LOGON_TYPE_NOT_GRANTED, "ERROR_LOGON_TYPE_NOT_GRANTED");
        WIN32.put(1793, "ERROR_ACCOUNT_EXPIRED");
        WIN32.put(1909, "ERROR_ACCOUNT_LOCKED_OUT");
    }

    /** What runs as the other user: the socket() call, giving its handle. */
    public interface Create {
        OsResult create();
    }

    /** Closes a socket created as the other user when the thread could not be reverted. */
    public interface Close {
        void close(long handle);
    }

    /** The account cannot be used: why, for the agent's Hello and log. */
    public static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String why) {
            super(why);
        }
    }

    private final Impersonation api;
    private final OtherUserCredentials account;
    private final long token;
    private final Runnable stuck;

    private OtherUserAccount(Impersonation api, OtherUserCredentials account, long token, Runnable stuck) {
        this.api = api;
        this.account = account;
        this.token = token;
        this.stuck = stuck;
    }

    /**
     * Logs the account on (interactive, then network if interactive is not granted to it), then impersonates it once
     * and reverts, so an agent that cannot (no SeImpersonatePrivilege; Wine, whose LogonUser is a stub) says so at
     * start instead of failing cells. stuck runs when a thread cannot be reverted: it would go on as the other user,
     * so the agent must not (the default halts the JVM and the service manager restarts it).
     */
    public static OtherUserAccount logOn(Impersonation api, OtherUserCredentials account, Runnable stuck)
            throws Unavailable {
        int code = 0;
        for (int type : new int[] {Impersonation.LOGON_INTERACTIVE, Impersonation.LOGON_NETWORK}) {
            long token = api.logonUser(account.user, account.domain, account.password, type,
                    Impersonation.PROVIDER_DEFAULT);
            if (token != 0) {
                return tried(new OtherUserAccount(api, account, token, stuck));
            }
            code = api.lastError();
            if (code != Impersonation.ERROR_LOGON_TYPE_NOT_GRANTED) {
                break;
            }
        }
        throw new Unavailable("account '" + account + "' could not log on: " + name(code));
    }

    /** The account after one impersonation and revert on this thread; Unavailable (token closed) if it fails. */
    private static OtherUserAccount tried(OtherUserAccount a) throws Unavailable {
        OsResult trial = a.open(new Create() {
            @Override
            public OsResult create() {
                return OsResult.ok("trial", 0);
            }
        }, new Close() {
            @Override
            public void close(long handle) {
                // nothing was created
            }
        });
        if (!trial.ok) {
            a.close();
            throw new Unavailable("account '" + a.account + "' logged on, but this process cannot act as it: "
                    + trial.call + " failed with " + name(trial.rawCode));
        }
        return a;
    }

    /** Halts the JVM: a thread that still impersonates must never run another step. */
    public static Runnable haltOnStuck() {
        return new Runnable() {
            @Override
            public void run() {
                LOG.severe("RevertToSelf failed: this thread still runs as the other user; stopping the agent");
                Runtime.getRuntime().halt(70);
            }
        };
    }

    /**
     * Runs create while impersonating the account on this thread and reverts right after, whatever create did. A
     * failed impersonation creates nothing; a failed revert closes what was created and runs stuck. Either failure
     * is an error of its call with the Win32 code (the cell is INVALID_SETUP, never a measurement).
     */
    public OsResult open(Create create, Close close) {
        if (!api.impersonateLoggedOnUser(token)) {
            int code = api.lastError();
            LOG.warning("ImpersonateLoggedOnUser(" + account + ") failed: " + name(code));
            return OsResult.error("ImpersonateLoggedOnUser", code);
        }
        OsResult created = null;
        try {
            created = create.create();
        } finally {
            if (!api.revertToSelf()) {
                int code = api.lastError();
                if (created != null && created.ok) {
                    close.close(created.value);
                }
                LOG.severe("RevertToSelf after acting as " + account + " failed: " + name(code));
                stuck.run();
                created = OsResult.error("RevertToSelf", code);
            }
        }
        return created;
    }

    /** The account, for the Hello: "bindlab-other". */
    public String account() {
        return account.toString();
    }

    /** Closes the logon token (the agent's end). */
    public void close() {
        api.closeHandle(token);
    }

    static String name(int code) {
        String n = WIN32.get(code);
        return (n != null ? n : "error") + " (" + code + ")";
    }
}
