// The dialling agent's usual start without picocli: its options, as AgentMain's @Option fields declare them, bound
// by hand when every argument is one of them. picocli costs an idle agent 2-3 MB (its classes and model;
// docs/PERFORMANCE.md), so it is loaded only for what it is needed for: help, version, errors, and the subcommands.
package bindlab.agent.cli;

import java.io.File;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

final class DirectOptions {
    /** picocli's marker for an option without a default value. */
    private static final String NO_DEFAULT = "__no_default_value__";

    private DirectOptions() {
    }

    /**
     * Sets command's @Option fields from args and returns true when every argument is "--name value", "--name=value"
     * or a boolean "--flag" of those fields, each at most once, and every field is a String, File or boolean. Else it
     * returns false and leaves the parsing, and whatever it has to say, to picocli (the fields may then be half-set:
     * give picocli a fresh command).
     */
    static boolean bind(Object command, String[] args) {
        Map<String, Field> byName = new HashMap<String, Field>();
        for (Field f : command.getClass().getDeclaredFields()) {
            Option o = f.getAnnotation(Option.class);
            if (o == null) {
                continue;
            }
            Class<?> t = f.getType();
            if (t != String.class && t != File.class && t != boolean.class) {
                return false;
            }
            f.setAccessible(true);
            for (String n : o.names()) {
                byName.put(n, f);
            }
            if (!o.defaultValue().equals(NO_DEFAULT) && !set(command, f, o.defaultValue())) {
                return false;
            }
        }
        Set<Field> seen = new HashSet<Field>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            int eq = a.indexOf('=');
            String name = eq < 0 ? a : a.substring(0, eq);
            Field f = a.startsWith("--") ? byName.get(name) : null;
            if (f == null || !seen.add(f)) {
                return false; // a subcommand, -h, -V, an unknown or repeated option: picocli says what is wrong
            }
            if (f.getType() == boolean.class) {
                if (eq >= 0 || !set(command, f, "true")) {
                    return false;
                }
                continue;
            }
            String value = eq >= 0 ? a.substring(eq + 1) : i + 1 < args.length ? args[++i] : null;
            if (value == null || value.isEmpty() || value.startsWith("--") || !set(command, f, value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean set(Object command, Field f, String value) {
        try {
            if (f.getType() == boolean.class) {
                f.setBoolean(command, Boolean.parseBoolean(value));
            } else {
                f.set(command, f.getType() == File.class ? new File(value) : value);
            }
            return true;
        } catch (IllegalAccessException e) {
            return false;
        }
    }
}
