// Drop rules a peer host holds so a target's packets go unanswered (to hold FIN_WAIT_1, SYN_RECV, ...).
package bindlab.agent.platform;

import bindlab.proto.v1.FilterDirection;
import java.io.IOException;
import java.net.InetSocketAddress;

public interface PacketFilter {

    /** Whether rules can be added here; if not, why() says so. */
    boolean available();

    /** The backend name ("nftables") or the reason none is available. */
    String describe();

    /** Adds one drop rule, identified by key (unique per agent) so it can be removed alone. */
    void add(String key, FilterDirection direction, InetSocketAddress remote) throws IOException;

    /** Removes the rule; no-op if it does not exist. */
    void remove(String key) throws IOException;

    /** Removes every rule this agent added, and any table it created. */
    void removeAll() throws IOException;
}
