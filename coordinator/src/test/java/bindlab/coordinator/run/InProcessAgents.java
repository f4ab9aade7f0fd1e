// Test support: real agents (Linux backend) running in this JVM, dialling a coordinator over TCP on loopback, with
// mutual TLS when given a PKI directory, else plain text.
package bindlab.coordinator.run;

import bindlab.agent.AgentClient;
import bindlab.agent.AgentMain;
import bindlab.agent.AgentTls;
import bindlab.agent.CoordinatorDial;
import bindlab.agent.StepExecutor;
import bindlab.agent.platform.Platform;
import bindlab.agent.platform.Platforms;
import bindlab.proto.v1.PortRange;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

public final class InProcessAgents implements AutoCloseable {
    public final Platform platform = Platforms.current();
    private final int coordinatorPort;
    private final Path pki;
    private final List<AgentClient> clients = new ArrayList<>();
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    public InProcessAgents(int coordinatorPort) {
        this(coordinatorPort, null);
    }

    /** pki: a 'bindlab pki' directory; each agent dials with agents/NAME/ from it. Null: plain text. */
    public InProcessAgents(int coordinatorPort, Path pki) {
        this.coordinatorPort = coordinatorPort;
        this.pki = pki;
    }

    /** Starts an agent named name with the sandbox low..low+99; it dials until closed. */
    public AgentClient start(String name, int low) {
        return start(name, low, pki == null ? null : pki.resolve("agents").resolve(name));
    }

    /** As start, with this agent's own certificate directory (null: plain text). */
    public AgentClient start(String name, int low, Path certs) {
        PortRange range = PortRange.newBuilder().setLow(low).setHigh(low + 99).build();
        return start(AgentMain.hello(name, platform, range, "127.0.0.1", ""), range, channel(certs, null));
    }

    /** A channel to the coordinator; authority overrides the name its certificate must carry. */
    public ManagedChannel channel(Path certs, String authority) {
        try { // the agent's own dial (transport, keepalive, limits)
            return CoordinatorDial.channel(null, new java.net.InetSocketAddress("127.0.0.1", coordinatorPort),
                    certs == null ? null : AgentTls.credentials(certs.toFile()), authority);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts an agent that says hello over ch; it dials until closed. */
    public AgentClient start(bindlab.proto.v1.Hello hello, PortRange range, ManagedChannel ch) {
        AgentClient c = new AgentClient(ch, hello, new StepExecutor(platform, range));
        String name = hello.getAgentName();
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

    public boolean alive(int index) {
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
