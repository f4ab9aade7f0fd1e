// fleet status with an agent that reports a Wine identity (the agent's real Hello, its identity as under Wine):
// the host shows as Wine on its Linux host, NOT Windows, never with a Windows build.
package bindlab.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.agent.AgentClient;
import bindlab.agent.AgentMain;
import bindlab.agent.StepExecutor;
import bindlab.agent.platform.Platform;
import bindlab.agent.platform.Platforms;
import bindlab.coordinator.fleet.Inventory;
import bindlab.coordinator.fleet.InventoryParser;
import bindlab.coordinator.hub.AgentHub;
import bindlab.coordinator.hub.CoordinatorServer;
import bindlab.proto.v1.Hello;
import bindlab.proto.v1.HostIdentity;
import bindlab.proto.v1.PortRange;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.InetSocketAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FleetStatusWineTest {
    /** The identity a Wine 8.0 agent reported in the Wine lab (fixtures/wine-lab-seed). */
    static final HostIdentity WINE = HostIdentity.newBuilder().setOsFamily("wine").setOsName("Wine 8.0 (Debian 8.0~repack-4)")
            .setOsVersion("8.0").setArch("amd64").setWineVersion("8.0").setWineHost("Linux 6.18.44-fc-v669")
            .setWineWindowsVersion("6.1.7601 Microsoft Windows 7").build();

    @Test
    void aWineAgentIsShownAsWine() throws Exception {
        Inventory inv = InventoryParser.parse("test", "all:\n  hosts:\n    wine-1:\n      bindlab_role: target\n"
                + "      bindlab_peer: peer-1\n    peer-1:\n      bindlab_role: peer\n");
        AgentHub hub = new AgentHub(new bindlab.coordinator.hub.FleetAdmission(inv), false);
        Platform platform = Platforms.current();
        PortRange range = PortRange.newBuilder().setLow(46350).setHigh(46359).build();
        try (CoordinatorServer server = CoordinatorServer.start(new InetSocketAddress("127.0.0.1", 0), hub,
                CoordinatorServer.Security.insecure())) {
            ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
            Hello hello = AgentMain.hello("wine-1", platform, range, "127.0.0.1", "").toBuilder().setIdentity(WINE).build();
            AgentClient agent = new AgentClient(ch, hello, new StepExecutor(platform, range));
            Thread t = new Thread(() -> {
                try {
                    agent.runForever();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.setDaemon(true);
            t.start();
            try {
                assertThat(hub.await("wine-1", 10_000)).isNotNull();
                String table = FleetCommand.Status.table(inv, hub, Set.of());
                assertThat(table).contains("Wine 8.0 (Debian 8.0~repack-4)")
                        .contains("Wine on Linux 6.18.44-fc-v669 (NOT Windows)").doesNotContain("0.0")
                        .containsPattern("peer-1 +peer +DOWN");
            } finally {
                agent.stop();
                ch.shutdownNow();
                t.join(5000);
            }
        }
    }
}
