// Lifecycle of the gRPC server agents dial: mutual TLS (or loud plain text), limits, health and reflection; on a TCP
// address, or on a Unix socket for agents on this host (a demo's lab).
package bindlab.coordinator.hub;

import bindlab.proto.v1.AgentLinkGrpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

public final class CoordinatorServer implements AutoCloseable {
    /** Connections open at once; more are closed on accept. */
    public static final int MAX_CONNECTIONS = 256;
    /** Agents need one stream each; health checks and reflection a few more. */
    public static final int MAX_CALLS_PER_CONNECTION = 4;
    /** Largest message accepted from an agent (a Hello is a few KB; a TCP table a few hundred rows). */
    public static final int MAX_INBOUND_MESSAGE = 1 << 20;
    public static final int MAX_INBOUND_METADATA = 16 << 10;
    public static final long HANDSHAKE_TIMEOUT_S = 10;
    /** A connection with no call for this long is closed (an agent always has its stream open). */
    public static final long MAX_IDLE_S = 30;

    /**
     * How the server authenticates: mutual TLS with the fleet's certificates; plain text on a Unix socket only its
     * owner can open (ownerOnly: a demo's lab, whose agents are its own children); or plain text (--insecure).
     */
    public record Security(Path ca, Path cert, Path key, boolean ownerOnly) {
        public static Security insecure() {
            return new Security(null, null, null, false);
        }

        public static Security ownerOnlySocket() {
            return new Security(null, null, null, true);
        }

        /** The coordinator's files in a PKI directory as 'bindlab pki' writes it. */
        public static Security fromPki(Path pki) throws IOException {
            Security s = new Security(pki.resolve("ca.crt"), pki.resolve("coordinator").resolve("coordinator.crt"),
                    pki.resolve("coordinator").resolve("coordinator.key"), false);
            for (Path p : new Path[] {s.ca, s.cert, s.key}) {
                if (!p.toFile().isFile()) {
                    throw new IOException(p + " is missing: create the fleet's PKI with 'bindlab pki init --dir " + pki
                            + "' and 'bindlab pki issue --coordinator --san ADDR --dir " + pki + "', or pass --insecure");
                }
            }
            return s;
        }

        public boolean tls() {
            return ca != null;
        }

        /** For the 'listening' line and the hub's log: how an agent's name is proven. */
        public String describe() {
            return tls() ? "mutual TLS" : ownerOnly ? "plain text on a Unix socket only its owner can open"
                    : "INSECURE plain text";
        }

        ServerCredentials credentials() throws IOException {
            if (!tls()) {
                return InsecureServerCredentials.create();
            }
            bindlab.engine.InMemoryKeyStores.oneRound();
            return TlsServerCredentials.newBuilder()
                    .keyManager(new File(cert.toString()), new File(key.toString()))
                    .trustManager(new File(ca.toString()))
                    .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
                    .build();
        }
    }

    private final Server server;
    private final AgentHub hub;
    private final HealthStatusManager health;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final AtomicInteger open;
    private final AtomicLong refusedConnections;

    private CoordinatorServer(Server server, AgentHub hub, HealthStatusManager health, EventLoopGroup boss,
            EventLoopGroup workers, AtomicInteger open, AtomicLong refusedConnections) {
        this.server = server;
        this.hub = hub;
        this.health = health;
        this.boss = boss;
        this.workers = workers;
        this.open = open;
        this.refusedConnections = refusedConnections;
    }

    /**
     * Listens on listen with the default connection cap: an InetSocketAddress (port 0 = any free port), or a
     * DomainSocketAddress (Linux, epoll), which only processes allowed to open the socket file can reach.
     */
    public static CoordinatorServer start(SocketAddress listen, AgentHub hub, Security security) throws IOException {
        return start(listen, hub, security, MAX_CONNECTIONS);
    }

    public static CoordinatorServer start(SocketAddress listen, AgentHub hub, Security security, int maxConnections)
            throws IOException {
        AtomicInteger open = new AtomicInteger();
        AtomicLong refused = new AtomicLong();
        boolean local = isUnixSocket(listen);
        EventLoopGroup boss = local ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
        EventLoopGroup workers = local ? new EpollEventLoopGroup(2) : new NioEventLoopGroup(2);
        HealthStatusManager health = new HealthStatusManager();
        // directExecutor: the hub's handlers never block (a result completes a future the cell's thread waits on;
        // a Hello is checked in memory), so they run on netty's threads instead of being handed to an executor
        // for every message: 10 % less CPU over the 486-cell set (docs/PERFORMANCE.md).
        NettyServerBuilder b = NettyServerBuilder.forAddress(listen, security.credentials());
        if (local) {
            // no cap: only the socket's owner can connect; grpc sets SO_KEEPALIVE for TCP, netty warns on a Unix socket
            b.channelType(EpollServerDomainSocketChannel.class).withChildOption(ChannelOption.SO_KEEPALIVE, null);
        } else {
            b.channelFactory(() -> new CappedServerChannel(maxConnections, open, refused));
        }
        Server s = b.directExecutor()
                .bossEventLoopGroup(boss)
                .workerEventLoopGroup(workers)
                .addService(ServerInterceptors.intercept(hub, new PeerIdentity()))
                .addService(health.getHealthService())
                .addService(ProtoReflectionServiceV1.newInstance())
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE)
                .maxInboundMetadataSize(MAX_INBOUND_METADATA)
                .maxConcurrentCallsPerConnection(MAX_CALLS_PER_CONNECTION)
                .handshakeTimeout(HANDSHAKE_TIMEOUT_S, TimeUnit.SECONDS)
                .maxConnectionIdle(MAX_IDLE_S, TimeUnit.SECONDS)
                .permitKeepAliveTime(10, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true)
                .build();
        try {
            s.start();
        } catch (IOException e) {
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IOException("cannot listen on " + describe(listen) + ": " + e.getMessage(), e);
        }
        health.setStatus("", ServingStatus.SERVING);
        health.setStatus(AgentLinkGrpc.SERVICE_NAME, ServingStatus.SERVING);
        return new CoordinatorServer(s, hub, health, boss, workers, open, refused);
    }

    /** Why this coordinator cannot listen on a Unix socket (netty's epoll), or null when it can. */
    public static String unixSocketsUnavailable() {
        return Epoll.isAvailable() ? null : "netty's epoll transport is unavailable: " + Epoll.unavailabilityCause();
    }

    /** A Unix socket's address for start(). */
    public static SocketAddress unixSocket(Path socket) {
        return new DomainSocketAddress(socket.toFile());
    }

    public static boolean isUnixSocket(SocketAddress listen) {
        return listen instanceof DomainSocketAddress;
    }

    /** The address as a user writes it: ADDR:PORT, or unix:PATH. */
    public static String describe(SocketAddress listen) {
        if (listen instanceof DomainSocketAddress d) {
            return "unix:" + d.path();
        }
        InetSocketAddress i = (InetSocketAddress) listen;
        String host = i.getAddress() != null ? i.getAddress().getHostAddress() : i.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + i.getPort();
    }

    /** The TCP port listened on; -1 on a Unix socket. */
    public int port() {
        return server.getPort();
    }

    public AgentHub hub() {
        return hub;
    }

    /** Connections open now (accepted and not yet closed). */
    public int openConnections() {
        return open.get();
    }

    /** Connections closed on accept because the cap was reached. */
    public long refusedConnections() {
        return refusedConnections.get();
    }

    /** What 'bindlab' prints at every start without TLS. */
    public static String insecureBanner() {
        return """
                ******************************************************************************
                * INSECURE (--insecure): plain-text gRPC, no TLS. Agents are not proven to be *
                * who they say, and anyone on the network can read and forge their results.  *
                * Use mutual TLS ('bindlab pki') outside an isolated test network.           *
                ******************************************************************************""";
    }

    @Override
    public void close() throws InterruptedException {
        health.enterTerminalState();
        hub.close();
        server.shutdown();
        if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
            server.shutdownNow();
            server.awaitTermination(5, TimeUnit.SECONDS);
        }
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
