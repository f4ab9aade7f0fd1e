// The outcome of one OS call: success with a value, or the raw platform error code; never an exception.
package bindlab.agent.platform;

public final class OsResult {
    public final String call;
    public final boolean ok;
    /** errno on POSIX, WSA code on Windows; 0 on success. */
    public final int rawCode;
    /** A handle, a byte count or an option value, depending on the call. */
    public final long value;
    /** Set when the call did not reach the OS (bad argument, unsupported): explains why. */
    public final String detail;
    /** True when the platform has no such option or operation: NOT_APPLICABLE, not an OS error. */
    public final boolean unsupported;
    /** True when a blocking call gave up after its timeout. */
    public final boolean timedOut;
    /**
     * True when the agent refused the call, or refuses to count its result as a measurement, because the request
     * is wrong for this host (a port inside Windows' excluded ranges): BAD_REQUEST, never an OS result. rawCode
     * keeps the code the OS gave, if it was called.
     */
    public final boolean refused;

    private OsResult(String call, boolean ok, int rawCode, long value, String detail, boolean unsupported,
            boolean timedOut, boolean refused) {
        this.call = call;
        this.ok = ok;
        this.rawCode = rawCode;
        this.value = value;
        this.detail = detail;
        this.unsupported = unsupported;
        this.timedOut = timedOut;
        this.refused = refused;
    }

    public static OsResult ok(String call, long value) {
        return new OsResult(call, true, 0, value, "", false, false, false);
    }

    public static OsResult error(String call, int rawCode) {
        return new OsResult(call, false, rawCode, 0, "", false, false, false);
    }

    public static OsResult unsupported(String call, String why) {
        return new OsResult(call, false, 0, 0, why, true, false, false);
    }

    public static OsResult timeout(String call, long waitedMs) {
        return new OsResult(call, false, 0, 0, "no completion within " + waitedMs + " ms", false, true, false);
    }

    /** The call was not made (rawCode 0) or its code is not a measurement (rawCode kept): why says which and why. */
    public static OsResult refused(String call, int rawCode, String why) {
        return new OsResult(call, false, rawCode, 0, why, false, false, true);
    }

    @Override
    public String toString() {
        if (ok) {
            return call + " = " + value;
        }
        if (unsupported) {
            return call + " unsupported: " + detail;
        }
        if (timedOut) {
            return call + " timed out: " + detail;
        }
        if (refused) {
            return call + " refused: " + detail;
        }
        return call + " failed, code " + rawCode;
    }
}
