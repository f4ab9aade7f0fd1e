// One readiness check of a host that selftest prints: passed, failed (with what to do), or not available here.
package bindlab.agent.platform;

public final class HostCheck {
    /** NOT_AVAILABLE: the host cannot provide this at all (Wine); a fact to print, not a failure of the backend. */
    public enum Status { PASS, FAIL, NOT_AVAILABLE }

    public final String what;
    public final Status status;
    /** Why it failed and what to do, or why it is not available; may be empty for a pass. */
    public final String detail;

    private HostCheck(String what, Status status, String detail) {
        this.what = what;
        this.status = status;
        this.detail = detail;
    }

    public static HostCheck pass(String what, String detail) {
        return new HostCheck(what, Status.PASS, detail);
    }

    public static HostCheck fail(String what, String detail) {
        return new HostCheck(what, Status.FAIL, detail);
    }

    public static HostCheck notAvailable(String what, String why) {
        return new HostCheck(what, Status.NOT_AVAILABLE, why);
    }

    /** pass or fail by a condition. */
    public static HostCheck of(String what, boolean ok, String detail) {
        return ok ? pass(what, "") : fail(what, detail);
    }
}
