// Whether to colour text output, and with which ANSI codes: only on an interactive terminal, never with NO_COLOR.
package bindlab.coordinator.report;

import java.io.Console;
import java.lang.reflect.Method;

public final class Terminal {
    public static final String RESET = "\u001b[0m";

    private Terminal() {
    }

    /** NO_COLOR (any non-empty value, per no-color.org) wins; otherwise colour when stdout is a terminal. */
    public static boolean colours() {
        String noColor = System.getenv("NO_COLOR");
        return (noColor == null || noColor.isEmpty()) && isTerminal(System.console());
    }

    /**
     * On Java 17 a console exists only for a terminal; from Java 22 one may exist for a pipe too, and
     * Console.isTerminal() (absent before 22, hence reflection) tells them apart.
     */
    static boolean isTerminal(Console console) {
        if (console == null) {
            return false;
        }
        try {
            Method m = Console.class.getMethod("isTerminal");
            return (Boolean) m.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** The SGR code for an outcome label (or "not run", "CONFLICT"); null for none. */
    public static String code(String outcome) {
        return switch (outcome) {
            case "OK" -> "\u001b[32m";
            case "EADDRINUSE" -> "\u001b[31m";
            case "EACCES" -> "\u001b[35m";
            case "EINVAL", "OTHER_ERROR" -> "\u001b[33m";
            case "INVALID_SETUP" -> "\u001b[1;33m";
            case "INFRA_ERROR" -> "\u001b[1;31m";
            case "NOT_APPLICABLE", Summaries.NOT_RUN -> "\u001b[2m";
            case "CONFLICT" -> "\u001b[7m";
            default -> null;
        };
    }
}
