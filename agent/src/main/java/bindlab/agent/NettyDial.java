// The agent's two uses of Netty: a lab's Unix socket, and TLS through the bundled BoringSSL on a Java 8 without ALPN.
package bindlab.agent;

import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Kept apart from CoordinatorDial, and returning grpc's builder type only, so that a fleet agent on OkHttp never
 * loads a Netty class: the JVM's verifier loads the classes a method's body hands around when its class links.
 * Threads are daemons, as grpc's own: they never keep a stopping agent alive.
 */
final class NettyDial {
    private NettyDial() {
    }

    /**
     * Plain text on a Unix socket of this host: only a process allowed to open the socket file (its directory is the
     * coordinator's user's alone) can listen there or connect, which is what the certificates prove on a network.
     * Netty's epoll transport does it; the agent jar ships its native for Linux x86-64 only. Throws, saying why,
     * where epoll cannot run.
     */
    static ManagedChannelBuilder<?> unixSocket(String path) {
        if (!Epoll.isAvailable()) {
            throw new IllegalArgumentException("cannot dial unix:" + path + ": netty's epoll transport is unavailable"
                    + " here (" + Epoll.unavailabilityCause() + ")");
        }
        EpollEventLoopGroup group = new EpollEventLoopGroup(1, new DefaultThreadFactory("bindlab-unix", true));
        return NettyChannelBuilder.forAddress(new DomainSocketAddress(path))
                .channelType(EpollDomainSocketChannel.class)
                .eventLoopGroup(group)
                .withOption(ChannelOption.SO_KEEPALIVE, null) // grpc sets it for TCP; netty warns on a Unix socket
                .overrideAuthority("localhost")
                .usePlaintext();
    }

    /**
     * TCP with TLS by the bundled BoringSSL (AgentTls.chooseTlsProvider), over NIO: one thread for the one connection
     * (grpc's shared group starts two), and no epoll native loaded (UnixSocketDial.noNativeTransports).
     */
    static ManagedChannelBuilder<?> tcpWithBoringSsl(String host, int port, ChannelCredentials tls) {
        return NettyChannelBuilder.forAddress(host, port, tls)
                .channelType(NioSocketChannel.class)
                .eventLoopGroup(new NioEventLoopGroup(1, new DefaultThreadFactory("bindlab-nio", true)));
    }
}
