// The other user's credentials, from the file the deploy scripts write (never from the command line): the dedicated
// local account of the different-user scenarios and its password. Every error names the file, the line and the key.
package bindlab.agent.platform.windows;

import bindlab.engine.BadInput;
import bindlab.engine.TextFile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The format, one key=value a line ('#' starts a comment line; the value is everything after the first '='):
 * <pre>
 * # bindlab: the other user of the different-user scenarios (readable by SYSTEM and Administrators only)
 * user=bindlab-other
 * password=...
 * domain=.              # optional: "." (the default) is this machine's own accounts
 * </pre>
 */
public final class OtherUserCredentials {
    static final long MAX_BYTES = 4096;
    static final List<String> KEYS = Arrays.asList("user", "password", "domain");

    public final String user;
    public final String domain;
    final String password;

    OtherUserCredentials(String user, String domain, String password) {
        this.user = user;
        this.domain = domain;
        this.password = password;
    }

    public static OtherUserCredentials read(Path file) {
        return parse(file.toString(), TextFile.read(file, MAX_BYTES));
    }

    static OtherUserCredentials parse(String source, String text) {
        Map<String, String> values = new LinkedHashMap<String, String>();
        Map<String, Integer> lines = new LinkedHashMap<String, Integer>();
        String[] all = text.split("\n", -1);
        for (int i = 0; i < all.length; i++) {
            String line = all[i].endsWith("\r") ? all[i].substring(0, all[i].length() - 1) : all[i];
            if (line.trim().isEmpty() || line.trim().startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new BadInput(source, i + 1, "line", "is not key=value (keys: " + KEYS + ")");
            }
            String key = line.substring(0, eq).trim();
            if (!KEYS.contains(key)) {
                throw new BadInput(source, i + 1, key, "unknown key (keys: " + KEYS + ")");
            }
            if (lines.containsKey(key)) {
                throw new BadInput(source, i + 1, key, "given twice (first at line " + lines.get(key) + ")");
            }
            String value = key.equals("password") ? line.substring(eq + 1) : line.substring(eq + 1).trim();
            if (value.isEmpty()) {
                throw new BadInput(source, i + 1, key, "is empty");
            }
            values.put(key, value);
            lines.put(key, i + 1);
        }
        for (String required : Arrays.asList("user", "password")) {
            if (!values.containsKey(required)) {
                throw new BadInput(source, 0, required, "missing: the file must give user= and password=");
            }
        }
        String user = values.get("user");
        if (user.indexOf('\\') >= 0 || user.indexOf('@') >= 0) {
            throw new BadInput(source, lines.get("user"), "user", "'" + user + "' must be a bare account name; put a"
                    + " domain in domain=");
        }
        return new OtherUserCredentials(user, values.containsKey("domain") ? values.get("domain") : ".",
                values.get("password"));
    }

    /** "bindlab-other" or "DOMAIN\\name": never the password. */
    @Override
    public String toString() {
        return domain.equals(".") ? user : domain + "\\" + user;
    }
}
