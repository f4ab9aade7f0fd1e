// The Linux backend: libc sockets, /proc TCP table, os-release identity, nftables filter.
package bindlab.agent.platform.linux;

import bindlab.agent.jna.linux.LinuxLibc;
import bindlab.agent.platform.HostIdentityReader;
import bindlab.agent.platform.PacketFilter;
import bindlab.agent.platform.Platform;
import bindlab.agent.platform.SocketApi;
import bindlab.agent.platform.TcpTable;
import java.io.File;
import java.io.IOException;

public final class LinuxPlatform implements Platform {
    private final SocketApi sockets = new PosixSocketApi();
    private final TcpTable tcpTable = new ProcNetTcpTable();
    private final HostIdentityReader identity = new LinuxHostIdentity();
    private final boolean privileged = LinuxLibc.INSTANCE.geteuid() == 0;
    private final PacketFilter filter = new NftPacketFilter("bindlab_agent_" + pid(), privileged);

    @Override
    public String name() {
        return "linux";
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
        return filter;
    }

    @Override
    public boolean privileged() {
        return privileged;
    }

    /** Java 8 has no ProcessHandle: /proc/self names our pid. */
    static long pid() {
        try {
            return Long.parseLong(new File("/proc/self").getCanonicalFile().getName());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
