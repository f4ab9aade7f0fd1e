// The Windows backend: Winsock sockets, the IP Helper TCP table, the host identity, and no packet filter.
package bindlab.agent.platform.windows;

import bindlab.agent.platform.HostIdentityReader;
import bindlab.agent.platform.PacketFilter;
import bindlab.agent.platform.Platform;
import bindlab.agent.platform.SocketApi;
import bindlab.agent.platform.TcpTable;
import com.sun.jna.platform.win32.Advapi32Util;

/** Loaded by name from Platforms, so Linux never loads it; the constructor starts Winsock. */
public final class WindowsPlatform implements Platform {
    private final SocketApi sockets;
    private final TcpTable tcpTable = new WindowsTcpTable();
    private final HostIdentityReader identity = new WindowsHostIdentity();
    private final PacketFilter packetFilter = new WindowsPacketFilter();

    public WindowsPlatform() {
        this.sockets = new WinsockSocketApi();
    }

    @Override
    public String name() {
        return "windows";
    }

    @Override
    public SocketApi sockets() {
        return sockets;
    }

    @Override
    public TcpTable tcpTable() {
        return tcpTable;
    }

    @Override
    public HostIdentityReader identity() {
        return identity;
    }

    @Override
    public PacketFilter packetFilter() {
        return packetFilter;
    }

    /** Elevated token (UAC): an administrator's unelevated process is not privileged. */
    @Override
    public boolean privileged() {
        try {
            return Advapi32Util.isCurrentProcessElevated();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
