// Scenario-id globs: '*' within one '/' segment, '**' across segments, '?' one character, '{a,b}' alternatives.
package bindlab.coordinator.answers;

import java.util.regex.Pattern;

/** Written out rather than java.nio's PathMatcher, because ids contain '>' and '|' that are not path characters everywhere. */
public final class Glob {
    private final String text;
    private final Pattern pattern;

    private Glob(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    public static Glob of(String text) {
        StringBuilder re = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '{') {
                re.append("(?:");
                depth++;
            } else if (c == '}' && depth > 0) {
                re.append(')');
                depth--;
            } else if (c == ',' && depth > 0) {
                re.append('|');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("unbalanced '{' in scenario pattern '" + text + "'");
        }
        return new Glob(text, Pattern.compile(re.toString()));
    }

    /** Whether the text has any glob character; without one it names exactly one scenario id. */
    public static boolean isGlob(String text) {
        return text.chars().anyMatch(c -> c == '*' || c == '?' || c == '{');
    }

    public boolean matches(String scenarioId) {
        return pattern.matcher(scenarioId).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
