// What a script line expects of its step: OK unless written otherwise; a trailing '?' makes it a hint only.
package bindlab.engine.scenario;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

public final class Expect {
    /** What a line may expect: a status or a portable error name. */
    public static final List<String> WORDS = Collections.unmodifiableList(
            Arrays.asList("OK", "EADDRINUSE", "EACCES", "EINVAL", "ECONNREFUSED", "ETIMEDOUT", "TIMEOUT", "any"));
    public static final Expect OK = new Expect("OK", true);
    public static final Expect ANY = new Expect("any", false);

    private final String outcome;
    private final boolean enforced;

    public Expect(String outcome, boolean enforced) {
        this.outcome = outcome;
        this.enforced = enforced;
    }

    public String outcome() {
        return outcome;
    }

    public boolean enforced() {
        return enforced;
    }

    /** Whether a step that ended with got ("OK", "TIMEOUT" or an error name) meets the expectation. */
    public boolean accepts(String got) {
        return !enforced || outcome.equals(got);
    }

    /** Whether anything but OK may be right here: then a batch must go on after an error. */
    public boolean allowsError() {
        return !enforced || !outcome.equals("OK");
    }
}
