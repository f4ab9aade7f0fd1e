// Bad input from a user's file or argument: the message names the file, the line and the field. Exit code 2.
package bindlab.engine;

public final class BadInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String field;

    /** line 0 and an empty field mean "the file as a whole". */
    public BadInput(String source, int line, String field, String problem) {
        super(source + (line > 0 ? ":" + line : "") + ": " + (field.isEmpty() ? "" : field + ": ") + problem);
        this.source = source;
        this.line = line;
        this.field = field;
    }

    /** A problem with the whole file (or argument), not one line of it. */
    public static BadInput of(String source, String problem) {
        return new BadInput(source, 0, "", problem);
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public String field() {
        return field;
    }
}
