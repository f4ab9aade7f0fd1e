// The four platform services one OS provides to the agent.
package bindlab.agent.platform;

public interface Platform {

    String name();

    SocketApi sockets();

    TcpTable tcpTable();

    HostIdentityReader identity();

    PacketFilter packetFilter();

    /** Whether the agent runs with privilege (uid 0 / Administrator). */
    boolean privileged();
}
