// The Linux backend: libc sockets, the TCP table through sock_diag (or /proc), os-release identity, nftables filter.
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
    private final TcpTable tcpTable = chooseTcpTable();
    private final HostIdentityReader identity = new LinuxHostIdentity();
    private final boolean privileged = LinuxLibc.INSTANCE.geteuid() == 0;
    private final PacketFilter filter = NftPacketFilter.create("bindlab_agent_" + pid(), privileged);

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

    /** glibc keeps freed blocks for reuse (about 1 MB of an idle agent); musl has no malloc_trim and needs none. */
    @Override
    public void returnFreedMemory() {
        if (noMallocTrim) {
            return;
        }
        try {
            LinuxLibc.INSTANCE.malloc_trim(new com.sun.jna.NativeLong(0));
        } catch (UnsatisfiedLinkError e) {
            noMallocTrim = true; // not glibc: JNA would look the symbol up (and fail) again every time
        }
    }

    private volatile boolean noMallocTrim;

    /**
     * sock_diag where the kernel has it (every kernel since 3.3 with inet_diag), else /proc/net/tcp.
     * -Dbindlab.agent.tcp-table=proc forces the fallback (to compare the two, or to work around a kernel).
     */
    static TcpTable chooseTcpTable() {
        if (!"proc".equals(System.getProperty("bindlab.agent.tcp-table"))) {
            try {
                return SockDiagTcpTable.open();
            } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
                java.util.logging.Logger.getLogger(LinuxPlatform.class.getName())
                        .warning("sock_diag unusable (" + e.getMessage() + "); reading /proc/net/tcp instead");
            }
        }
        return new ProcNetTcpTable();
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
