// Which host a script line runs on: the OS under test, or the remote end of its connections.
package bindlab.engine.scenario;

public enum Role {
    TARGET, PEER;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
