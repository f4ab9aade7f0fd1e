// One parsed script line: who runs it, whether it is part of the probe, what it expects, and how it becomes a
// concrete protocol Step for one cell.
package bindlab.engine.scenario;

import bindlab.proto.v1.Step;

public final class StepLine {
    /** How a verb's parsed arguments become a Step for one cell (its op set; cell, id and timeout are set here). */
    public interface Template {
        Step.Builder build(Resolver r);
    }

    private final int line;
    private final String text;
    private final Role role;
    private final boolean probe;
    private final Verb verb;
    private final Expect expect;
    private final int timeoutMs;
    private final Template template;

    StepLine(int line, String text, Role role, boolean probe, Verb verb, Expect expect, int timeoutMs,
            Template template) {
        this.line = line;
        this.text = text;
        this.role = role;
        this.probe = probe;
        this.verb = verb;
        this.expect = expect;
        this.timeoutMs = timeoutMs;
        this.template = template;
    }

    public int line() {
        return line;
    }

    /** The line as written in the script. */
    public String text() {
        return text;
    }

    public Role role() {
        return role;
    }

    public boolean probe() {
        return probe;
    }

    public Verb verb() {
        return verb;
    }

    public Expect expect() {
        return expect;
    }

    /** How long the step waits on purpose: its time-out when it expects to time out (a SYN nobody answers), else 0. */
    public int plannedWaitMs() {
        return expect.enforced() && expect.outcome().equals("TIMEOUT") ? timeoutMs : 0;
    }

    /** The concrete step for one cell; throws Resolver.Missing when the hosts lack an address the line names. */
    public Step resolve(Resolver r) {
        return template.build(r).setCell(r.cell())
                .setTimeoutMs(timeoutMs > 0 ? timeoutMs : r.defaultTimeoutMs()).build();
    }
}
