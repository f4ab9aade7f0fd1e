// Lifecycle of the gRPC server agents dial: start, stop, and the port it really listens on.
package bindlab.coordinator.hub;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

public final class CoordinatorServer implements AutoCloseable {
    private final Server server;
    private final AgentHub hub;

    private CoordinatorServer(Server server, AgentHub hub) {
        this.server = server;
        this.hub = hub;
    }

    /** Listens on listen (port 0 = any free port). Plain text until mTLS lands. */
    public static CoordinatorServer start(InetSocketAddress listen, AgentHub hub) throws IOException {
        Server s = NettyServerBuilder.forAddress(listen)
                .addService(hub)
                .permitKeepAliveTime(10, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true)
                .build();
        try {
            s.start();
        } catch (IOException e) {
            throw new IOException("cannot listen on " + listen + ": " + e.getMessage(), e);
        }
        return new CoordinatorServer(s, hub);
    }

    public int port() {
        return server.getPort();
    }

    public AgentHub hub() {
        return hub;
    }

    @Override
    public void close() throws InterruptedException {
        hub.close();
        server.shutdown();
        if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
            server.shutdownNow();
            server.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
