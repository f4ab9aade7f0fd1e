// Test support: real agents (Linux backend) running in this JVM, dialling a coordinator over TCP on loopback.
package bindlab.coordinator.run;

import bindlab.agent.AgentClient;
import bindlab.agent.AgentMain;
import bindlab.agent.StepExecutor;
import bindlab.agent.platform.Platform;
import bindlab.agent.platform.Platforms;
import bindlab.proto.v1.PortRange;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.ArrayList;
import java.util.List;

final class InProcessAgents implements AutoCloseable {
    final Platform platform = Platforms.current();
    private final int coordinatorPort;
    private final List<AgentClient> clients = new ArrayList<>();
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    InProcessAgents(int coordinatorPort) {
        this.coordinatorPort = coordinatorPort;
    }

    /** Starts an agent named name with the sandbox low..low+99; it dials until closed. */
    AgentClient start(String name, int low) {
        PortRange range = PortRange.newBuilder().setLow(low).setHigh(low + 99).build();
        ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", coordinatorPort).usePlaintext().build();
        AgentClient c = new AgentClient(ch, AgentMain.hello(name, platform, range, "127.0.0.1", ""),
                new StepExecutor(platform, range));
        Thread t = new Thread(() -> {
            try {
                c.runForever();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "agent-" + name);
        t.setDaemon(true);
        t.start();
        clients.add(c);
        channels.add(ch);
        threads.add(t);
        return c;
    }

    /** Cuts agent index's connection as a network fault would: the agent itself is not told to stop. */
    void cut(int index) {
        channels.get(index).shutdownNow();
    }

    boolean alive(int index) {
        return threads.get(index).isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        clients.forEach(AgentClient::stop);
        channels.forEach(ManagedChannel::shutdownNow);
        for (Thread t : threads) {
            t.join(5000);
        }
    }
}
