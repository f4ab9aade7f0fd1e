// selftest's verdicts over real Linux sockets with a Windows-like or Wine-like identity and table: what Wine cannot
// provide (owner PIDs, stack files, readiness checks) is "not available", while on Windows the same gaps fail.
package bindlab.agent;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.agent.platform.HostCheck;
import bindlab.agent.platform.HostIdentityReader;
import bindlab.agent.platform.PacketFilter;
import bindlab.agent.platform.Platform;
import bindlab.agent.platform.Platforms;
import bindlab.agent.platform.SocketApi;
import bindlab.agent.platform.TcpTable;
import bindlab.proto.v1.HostIdentity;
import bindlab.proto.v1.PortRange;
import bindlab.proto.v1.TcpRow;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelfTestTest {
    private static final PortRange PORTS = PortRange.newBuilder().setLow(46320).setHigh(46339).build();
    static final HostIdentity WINE = HostIdentity.newBuilder().setOsFamily("wine").setOsName("Wine 8.0")
            .setOsVersion("8.0").setWineVersion("8.0").setWineWindowsVersion("6.1.7601 Microsoft Windows 7")
            .setArch("amd64").build();
    static final HostIdentity WINDOWS = HostIdentity.newBuilder().setOsFamily("windows").setOsName("Windows 10 Pro")
            .setOsVersion("10.0.19045").setBuild(19045).setUbr(3803).setArch("amd64")
            .putStackFiles("tcpip.sys", "10.0.19041.3803").build();

    private final StringWriter text = new StringWriter();

    private List<String> run(HostIdentity id, List<HostCheck> checks) throws Exception {
        return new SelfTestCommand.SelfTest(platform(Platforms.current(), id, checks), PORTS,
                new PrintWriter(text, true)).run();
    }

    @Test
    void underWineTheMissingOwnerPidIsNotAvailableNotAFailure() throws Exception {
        List<String> failures = run(WINE, Arrays.asList(
                HostCheck.notAvailable("Windows Firewall lets peers connect", "not available under Wine (no firewall)")));
        assertThat(failures).as(text.toString()).isEmpty();
        assertThat(text.toString())
                .contains("  pass  the TCP table shows the LISTEN row on")
                .contains("  n/a   the TCP table names this process as the row's owner: not available under Wine")
                .contains("  n/a   Windows build, UBR and tcpip.sys/afd.sys file versions: not available under Wine")
                .contains("  n/a   Windows Firewall lets peers connect: not available under Wine (no firewall)")
                .contains("the socket rules seen are Wine's, not Windows'");
    }

    @Test
    void onWindowsTheSameGapsFail() throws Exception {
        List<String> failures = run(WINDOWS, Arrays.asList(HostCheck.fail("no excluded port range overlaps the sandbox",
                "the sandbox overlaps 46300-46399")));
        assertThat(failures).containsExactlyInAnyOrder("the TCP table names this process as the owner of that row",
                "no excluded port range overlaps the sandbox");
        assertThat(text.toString()).doesNotContain("n/a");
    }

    @Test
    void aWindowsIdentityWithoutStackFilesFails() throws Exception {
        List<String> failures = run(WINDOWS.toBuilder().clearStackFiles().build(), new ArrayList<HostCheck>());
        assertThat(failures).contains("Windows identity has a build number and tcpip.sys version");
    }

    @Test
    void theSandboxWarningNamesTheOverlappingRanges() {
        HostIdentity id = WINDOWS.toBuilder().addExcludedPorts(PortRange.newBuilder().setLow(46330).setHigh(46429))
                .addExcludedPorts(PortRange.newBuilder().setLow(50000).setHigh(50059)).build();
        assertThat(AgentMain.sandboxWarning(PORTS, id)).contains("46320-46339").contains("46330-46429")
                .doesNotContain("50000");
        assertThat(AgentMain.sandboxWarning(PORTS, WINDOWS)).isNull();
    }

    /** The host's real sockets and stack; the identity, readiness checks and owner columns as a Windows/Wine host has them. */
    private static Platform platform(final Platform real, final HostIdentity id, final List<HostCheck> checks) {
        return new Platform() {
            @Override
            public String name() {
                return "fake " + id.getOsFamily();
            }

            @Override
            public SocketApi sockets() {
                return real.sockets();
            }

            @Override
            public TcpTable tcpTable() {
                return (low, high) -> {
                    List<TcpRow> rows = new ArrayList<TcpRow>();
                    for (TcpRow r : real.tcpTable().rowsForPorts(low, high)) {
                        rows.add(r.toBuilder().setOwnerPid(0).setOwnedByAgent(false).build()); // as under Wine
                    }
                    return rows;
                };
            }

            @Override
            public HostIdentityReader identity() {
                return () -> id;
            }

            @Override
            public PacketFilter packetFilter() {
                return real.packetFilter();
            }

            @Override
            public boolean privileged() {
                return false;
            }

            @Override
            public List<HostCheck> readinessChecks(PortRange sandbox) {
                return checks;
            }
        };
    }
}
