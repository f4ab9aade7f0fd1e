// One script verb: its word, its usage, and how its arguments parse into a step template.
package bindlab.engine.scenario;

public final class Verb {
    /** Parses one line's arguments (checked against the usage's arity first). */
    public interface Parser {
        StepLine.Template parse(VerbArgs a);
    }

    private final String word;
    private final String usage;
    private final int minArgs;
    private final int maxArgs;
    private final Parser parser;

    Verb(String word, String usage, int minArgs, int maxArgs, Parser parser) {
        this.word = word;
        this.usage = usage;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
        this.parser = parser;
    }

    public String word() {
        return word;
    }

    /** "bind NAME ADDR:PORT": shown in errors and in the README's verb list. */
    public String usage() {
        return usage;
    }

    StepLine.Template parse(VerbArgs a) {
        if (a.size() < minArgs || a.size() > maxArgs) {
            throw a.error(word, "takes " + (minArgs == maxArgs ? String.valueOf(minArgs) : minArgs + "-" + maxArgs)
                    + " argument(s): " + usage);
        }
        return parser.parse(a);
    }
}
