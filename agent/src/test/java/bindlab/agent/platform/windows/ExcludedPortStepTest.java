// A bind on a port in Windows' excluded ranges, through the step executor: answered BAD_REQUEST with the raw code
// kept, so the coordinator never journals that 10013 as an EACCES measurement.
package bindlab.agent.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.agent.StepExecutor;
import bindlab.agent.jna.windows.SocketHandle;
import bindlab.agent.jna.windows.Ws2_32;
import bindlab.agent.platform.HostIdentityReader;
import bindlab.agent.platform.PacketFilter;
import bindlab.agent.platform.Platform;
import bindlab.agent.platform.SocketApi;
import bindlab.agent.platform.TcpTable;
import bindlab.agent.platform.windows.ExcludedPortRanges.Range;
import bindlab.proto.v1.Bind;
import bindlab.proto.v1.Endpoint;
import bindlab.proto.v1.Family;
import bindlab.proto.v1.HostIdentity;
import bindlab.proto.v1.OpenSocket;
import bindlab.proto.v1.PortRange;
import bindlab.proto.v1.Step;
import bindlab.proto.v1.StepResult;
import bindlab.proto.v1.StepStatus;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class ExcludedPortStepTest {

    @Test
    void aBindInAnExcludedRangeIsABadRequestNeverEacces() {
        FakeWinsock ws = new FakeWinsock() {
            @Override
            public int bind(SocketHandle s, byte[] name, int namelen) {
                calls.add("bind");
                return fail(Ws2_32.WSAEACCES);
            }
        };
        // the range appears only on the re-read a WSAEACCES triggers, as a Hyper-V reservation would
        final int[] reads = {0};
        ExcludedPorts excluded = new ExcludedPorts(() -> reads[0]++ == 0 ? Collections.<Range>emptyList()
                : Arrays.asList(new Range(40000, 40009, false)), 0);
        StepExecutor ex = new StepExecutor(platform(new WinsockSocketApi(ws, excluded)),
                PortRange.newBuilder().setLow(40000).setHigh(40999).build());

        ex.execute(Step.newBuilder().setId(1).setCell("c").setSocket(OpenSocket.newBuilder().setSocket("L")
                .setFamily(Family.INET)).build());
        StepResult r = ex.execute(Step.newBuilder().setId(2).setCell("c").setBind(Bind.newBuilder().setSocket("L")
                .setLocal(Endpoint.newBuilder().setAddress("0.0.0.0").setPort(40005))).build());

        assertThat(r.getStatus()).isEqualTo(StepStatus.BAD_REQUEST);
        assertThat(r.getRawCode()).isEqualTo(10013);
        assertThat(r.getErrorName()).as("no portable name: it is not a result").isEmpty();
        assertThat(r.getMessage()).contains("excluded port range 40000-40009").contains("not a result");
    }

    private static Platform platform(final SocketApi sockets) {
        return new Platform() {
            @Override
            public String name() {
                return "fake windows";
            }

            @Override
            public SocketApi sockets() {
                return sockets;
            }

            @Override
            public TcpTable tcpTable() {
                return (low, high) -> Collections.emptyList();
            }

            @Override
            public HostIdentityReader identity() {
                return HostIdentity::getDefaultInstance;
            }

            @Override
            public PacketFilter packetFilter() {
                return new WindowsPacketFilter();
            }

            @Override
            public boolean privileged() {
                return false;
            }
        };
    }
}
