// The four platform services one OS provides to the agent.
package bindlab.agent.platform;

import bindlab.proto.v1.PortRange;
import java.util.Collections;
import java.util.List;

public interface Platform {

    String name();

    SocketApi sockets();

    TcpTable tcpTable();

    HostIdentityReader identity();

    PacketFilter packetFilter();

    /** Whether the agent runs with privilege (uid 0 / Administrator). */
    boolean privileged();

    /**
     * Gives the memory the process has freed back to the OS, called when the agent falls idle: an agent idles for
     * weeks between campaigns. Nothing by default.
     */
    default void returnFreedMemory() {
    }

    /**
     * What this host needs beyond working calls for a sandbox to give results (Windows: no excluded port range in
     * it, a firewall rule letting peers in); selftest prints them. None by default.
     */
    default List<HostCheck> readinessChecks(PortRange sandbox) {
        return Collections.emptyList();
    }
}
