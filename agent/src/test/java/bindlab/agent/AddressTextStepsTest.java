// IPv6 text in step results and table rows on real loopback sockets: one canonical form ("::1", "::ffff:a.b.c.d"),
// the same one the Windows table parser writes, never java.net's "0:0:0:0:0:0:0:1".
package bindlab.agent;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.agent.platform.Platforms;
import bindlab.proto.v1.Accept;
import bindlab.proto.v1.Bind;
import bindlab.proto.v1.Connect;
import bindlab.proto.v1.Endpoint;
import bindlab.proto.v1.Family;
import bindlab.proto.v1.Listen;
import bindlab.proto.v1.ObserveTcp;
import bindlab.proto.v1.OpenSocket;
import bindlab.proto.v1.PortRange;
import bindlab.proto.v1.SetOption;
import bindlab.proto.v1.SockOption;
import bindlab.proto.v1.Step;
import bindlab.proto.v1.StepResult;
import bindlab.proto.v1.StepStatus;
import bindlab.proto.v1.TcpRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AddressTextStepsTest {
    private static final int PORT = 46340;
    private final StepExecutor ex = new StepExecutor(Platforms.current(),
            PortRange.newBuilder().setLow(PORT).setHigh(PORT + 9).build());

    @AfterEach
    void release() {
        ex.releaseAll();
    }

    private StepResult run(Step.Builder s) {
        StepResult r = ex.execute(s.setCell("c").setTimeoutMs(2000).build());
        assertThat(r.getStatus()).as(r.toString()).isEqualTo(StepStatus.OK);
        return r;
    }

    private static Endpoint ep(String a, int p) {
        return Endpoint.newBuilder().setAddress(a).setPort(p).build();
    }

    @Test
    void ipv6StepResultsAndRowsAreCanonical() {
        run(Step.newBuilder().setSocket(OpenSocket.newBuilder().setSocket("L").setFamily(Family.INET6)));
        StepResult bound = run(Step.newBuilder().setBind(Bind.newBuilder().setSocket("L").setLocal(ep("::1", PORT))));
        assertThat(bound.getLocal().getAddress()).isEqualTo("::1");
        run(Step.newBuilder().setListen(Listen.newBuilder().setSocket("L").setBacklog(4)));
        StepResult rows = run(Step.newBuilder().setObserveTcp(ObserveTcp.newBuilder().setPort(PORT)));
        assertThat(rows.getRowsList()).extracting(r -> r.getLocal().getAddress()).containsOnly("::1");
        assertThat(rows.getRowsList()).extracting(r -> r.getRemote().getAddress()).containsOnly("::");
    }

    /** A dual-stack listener accepting IPv4: the peer is an IPv6 address, ::ffff:127.0.0.1, in rows and results. */
    @Test
    void v4MappedPeersKeepTheirIpv6Form() {
        run(Step.newBuilder().setSocket(OpenSocket.newBuilder().setSocket("L").setFamily(Family.INET6)));
        run(Step.newBuilder().setSetsockopt(SetOption.newBuilder().setSocket("L").setOption(SockOption.V6ONLY)
                .setValue(0)));
        run(Step.newBuilder().setBind(Bind.newBuilder().setSocket("L").setLocal(ep("::", PORT + 1))));
        run(Step.newBuilder().setListen(Listen.newBuilder().setSocket("L").setBacklog(4)));
        run(Step.newBuilder().setSocket(OpenSocket.newBuilder().setSocket("C").setFamily(Family.INET)));
        // the sandbox connects only where the coordinator's SessionScope says: here this agent's own loopback range
        ex.sandbox().declare(bindlab.proto.v1.SessionScope.newBuilder().addHosts(bindlab.proto.v1.ScopeHost.newBuilder()
                .setName("self").addAddresses("127.0.0.1").setPorts(PortRange.newBuilder().setLow(PORT).setHigh(PORT + 9)))
                .build());
        run(Step.newBuilder().setConnect(Connect.newBuilder().setSocket("C").setRemote(ep("127.0.0.1", PORT + 1))));
        StepResult accepted = run(Step.newBuilder().setAccept(Accept.newBuilder().setSocket("L").setAsSocket("A")));
        assertThat(accepted.getRemote().getAddress()).isEqualTo("::ffff:127.0.0.1");
        assertThat(accepted.getLocal().getAddress()).isEqualTo("::ffff:127.0.0.1");
        StepResult rows = run(Step.newBuilder().setObserveTcp(ObserveTcp.newBuilder().setPort(PORT + 1)));
        assertThat(rows.getRowsList()).extracting(TcpRow::getLocal).extracting(Endpoint::getAddress)
                .contains("::", "::ffff:127.0.0.1", "127.0.0.1").doesNotContain("0:0:0:0:0:0:0:0");
    }
}
