// The Windows backend: Winsock sockets, the IP Helper TCP table, the host identity, no packet filter, and the
// readiness checks selftest runs (excluded port ranges, firewall); under Wine the same code, said to be Wine.
package bindlab.agent.platform.windows;

import bindlab.agent.jna.windows.Wine;
import bindlab.agent.platform.HostCheck;
import bindlab.agent.platform.HostIdentityReader;
import bindlab.agent.platform.PacketFilter;
import bindlab.agent.platform.Platform;
import bindlab.agent.platform.SocketApi;
import bindlab.agent.platform.TcpTable;
import bindlab.agent.platform.windows.ExcludedPortRanges.Range;
import bindlab.proto.v1.PortRange;
import com.sun.jna.platform.win32.Advapi32Util;
import java.util.ArrayList;
import java.util.List;

/** Loaded by name from Platforms, so Linux never loads it; the constructor starts Winsock. */
public final class WindowsPlatform implements Platform {
    static final String EXCLUDED_WHAT = "no excluded port range overlaps the sandbox";
    private static final long NETSH_TIMEOUT_S = 15;

    private final Wine wine;
    private final ExcludedPorts excluded;
    private final SocketApi sockets;
    private final TcpTable tcpTable = new WindowsTcpTable();
    private final HostIdentityReader identity;
    private final PacketFilter packetFilter = new WindowsPacketFilter();

    public WindowsPlatform() {
        this.wine = Wine.detect();
        this.excluded = wine != null ? ExcludedPorts.notAvailable("not available under Wine (its netsh is a stub)")
                : ExcludedPorts.fromNetsh();
        this.sockets = new WinsockSocketApi(excluded);
        this.identity = new WindowsHostIdentity(wine, excluded);
    }

    @Override
    public String name() {
        return wine != null ? "windows (under Wine " + wine.version + ")" : "windows";
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

    @Override
    public List<HostCheck> readinessChecks(PortRange sandbox) {
        List<HostCheck> checks = new ArrayList<HostCheck>();
        checks.add(excludedCheck(excluded, sandbox));
        checks.add(firewallCheck(sandbox));
        return checks;
    }

    /** The sandbox must lie outside every excluded range: a bind there fails with WSAEACCES whatever the options. */
    static HostCheck excludedCheck(ExcludedPorts excluded, PortRange sandbox) {
        if (excluded.notAvailable() != null) {
            return HostCheck.notAvailable(EXCLUDED_WHAT, excluded.notAvailable());
        }
        List<Range> ranges = excluded.ranges();
        if (excluded.problem() != null) {
            return HostCheck.fail(EXCLUDED_WHAT, excluded.problem() + " (run it as netsh int ipv4 show"
                    + " excludedportrange protocol=tcp to see why)");
        }
        List<Range> hit = ExcludedPorts.overlapping(ranges, sandbox.getLow(), sandbox.getHigh());
        if (!hit.isEmpty()) {
            return HostCheck.fail(EXCLUDED_WHAT, "the sandbox " + sandbox.getLow() + "-" + sandbox.getHigh()
                    + " overlaps excluded range(s) " + hit + ": the agent refuses binds there; choose --ports outside"
                    + " every range that netsh int ipv4 show excludedportrange protocol=tcp lists");
        }
        return HostCheck.pass(EXCLUDED_WHAT, ranges.size() + " excluded range(s) on this host, none in "
                + sandbox.getLow() + "-" + sandbox.getHigh());
    }

    private HostCheck firewallCheck(PortRange sandbox) {
        if (wine != null) {
            return HostCheck.notAvailable(FirewallCheck.WHAT, "not available under Wine (no Windows Firewall; netsh"
                    + " is a stub); on Windows it needs: " + FirewallCheck.addRuleCommand(sandbox));
        }
        try {
            ExcludedPorts.Netsh state = ExcludedPorts.Netsh.run(NETSH_TIMEOUT_S, "advfirewall", "show",
                    "currentprofile", "state");
            ExcludedPorts.Netsh rule = ExcludedPorts.Netsh.run(NETSH_TIMEOUT_S, "advfirewall", "firewall", "show",
                    "rule", "name=" + FirewallCheck.RULE, "dir=in", "verbose");
            return FirewallCheck.judge(state.exit, state.output, rule.exit, rule.output, sandbox);
        } catch (Exception e) {
            return HostCheck.fail(FirewallCheck.WHAT, "could not ask netsh advfirewall (" + e.getMessage() + "); "
                    + "make sure this rule exists: " + FirewallCheck.addRuleCommand(sandbox));
        }
    }
}
