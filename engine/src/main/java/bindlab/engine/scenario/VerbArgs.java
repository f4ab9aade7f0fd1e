// The arguments of one script line, with the checks every verb shares: names, sockets open in the role, numbers,
// addresses, ports, states and options. Each failure names the file, the line and the field.
package bindlab.engine.scenario;

import bindlab.engine.BadInput;
import bindlab.proto.v1.SockOption;
import bindlab.proto.v1.TcpState;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

public final class VerbArgs {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,31}");
    private static final Pattern NUMERIC = Pattern.compile("[0-9.]{1,15}|[0-9A-Fa-f:.]{0,40}:[0-9A-Fa-f:.]{0,40}");

    private final String source;
    private final int line;
    private final Role role;
    private final List<String> words;
    private final Set<String> openSockets;

    VerbArgs(String source, int line, Role role, List<String> words, Set<String> openSockets) {
        this.source = source;
        this.line = line;
        this.role = role;
        this.words = words;
        this.openSockets = openSockets;
    }

    public int size() {
        return words.size();
    }

    public BadInput error(String field, String problem) {
        return new BadInput(source, line, field, problem);
    }

    /** A symbolic name (socket or rule): a letter, then letters, digits or _. */
    public String name(int i) {
        String w = words.get(i);
        if (!NAME.matcher(w).matches()) {
            throw error("name", "'" + w + "' must be a letter followed by up to 31 letters, digits or _");
        }
        return w;
    }

    /** A new socket name for this role. */
    public String fresh(int i) {
        String s = name(i);
        if (!openSockets.add(s)) {
            throw error("socket", "'" + s + "' is already an open " + role.word() + " socket");
        }
        return s;
    }

    /** A socket this role has open. */
    public String known(int i) {
        String s = name(i);
        if (!openSockets.contains(s)) {
            throw error("socket", "'" + s + "' is not an open " + role.word() + " socket here");
        }
        return s;
    }

    /** A socket this role has open and closes now. */
    public String closing(int i) {
        String s = known(i);
        openSockets.remove(s);
        return s;
    }

    /** words.get(i) must be one of the choices; returns the value at the same index. */
    @SafeVarargs
    public final <T> T choice(int i, String field, List<String> choices, T... values) {
        int k = choices.indexOf(words.get(i));
        if (k < 0) {
            throw error(field, "'" + words.get(i) + "' is not one of " + choices);
        }
        return values[k];
    }

    /** An optional flag word: true when present, an error when something else stands there. */
    public boolean flag(int i, String field, String word) {
        if (!words.get(i).equals(word)) {
            throw error(field, "'" + words.get(i) + "' is not '" + word + "'");
        }
        return true;
    }

    public int number(int i, String field, int min, int max) {
        return ScenarioParser.number(source, line, field, words.get(i), min, max);
    }

    public SockOption option(int i) {
        return ScenarioParser.option(source, line, "option", words.get(i));
    }

    public TcpState state(int i) {
        return ScenarioParser.state(source, line, "state", words.get(i), false);
    }

    /** A port ref: $PORT (the target's sandbox port for the cell) or $PEERPORT (the peer's). */
    public String port(int i) {
        return port(words.get(i));
    }

    private String port(String w) {
        if (w.equals("$PORT") || w.equals("$PEERPORT")) {
            return w;
        }
        throw error("port", "'" + w + "' must be $PORT or $PEERPORT: a fixed port would leave the agents' sandboxes");
    }

    /** ADDR:PORT, ADDR a ref or a numeric literal ([v6]:PORT also accepted); returns {addr, port}. */
    public String[] addrPort(int i) {
        String w = words.get(i);
        int c = w.lastIndexOf(':');
        if (c <= 0) {
            throw error("address", "'" + w + "' is not ADDR:PORT");
        }
        String addr = w.substring(0, c);
        if (addr.startsWith("[") && addr.endsWith("]")) {
            addr = addr.substring(1, addr.length() - 1);
        }
        if (!Resolver.REFS.contains(addr) && !NUMERIC.matcher(addr).matches()) {
            throw error("address", "'" + addr + "' is neither a numeric address nor one of " + Resolver.REFS);
        }
        return new String[] {addr, port(w.substring(c + 1))};
    }
}
