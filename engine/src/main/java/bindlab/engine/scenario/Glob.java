// Scenario-id patterns, one syntax for every command: '*' within one '/' segment, '**' across segments, '?' one
// character, '[abc]' one of, '{a,b}' alternatives; anything else is literal (ids contain '>' and '+').
package bindlab.engine.scenario;

import bindlab.engine.BadInput;
import java.util.regex.Pattern;

public final class Glob {
    private final String text;
    private final Pattern pattern;
    /** The text before the first pattern character: an id without it is no match, without running the regex. */
    private final String prefix;

    private Glob(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
        int end = 0;
        while (end < text.length() && "*?[{".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        this.prefix = text.substring(0, end);
    }

    /** source names where the pattern came from (an option, a file and line) in the error. */
    public static Glob of(String text, String source) {
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
            } else if (c == '[') {
                int close = text.indexOf(']', i + 1);
                if (close < 0 || close == i + 1) {
                    throw BadInput.of(source, "'[' without a closing ']' (or empty) in pattern '" + text + "'");
                }
                re.append('[');
                for (char k : text.substring(i + 1, close).toCharArray()) {
                    re.append(Character.isLetterOrDigit(k) ? String.valueOf(k) : "\\" + k);
                }
                re.append(']');
                i = close;
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
            throw BadInput.of(source, "unbalanced '{' in pattern '" + text + "'");
        }
        return new Glob(text, Pattern.compile(re.toString()));
    }

    /** Whether the text has any pattern character; without one it names exactly one scenario id. */
    public static boolean isGlob(String text) {
        for (char c : text.toCharArray()) {
            if (c == '*' || c == '?' || c == '{' || c == '[') {
                return true;
            }
        }
        return false;
    }

    /** The text before the first pattern character: every id this matches starts with it. */
    public String prefix() {
        return prefix;
    }

    public boolean matches(String scenarioId) {
        return scenarioId.startsWith(prefix) && pattern.matcher(scenarioId).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
