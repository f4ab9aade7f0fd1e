// --coordinator unix:PATH: the agent dials its coordinator on a Unix socket of this host (a lab's), in plain text.
package bindlab.agent;

import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;

/**
 * No TLS here: only a process allowed to open the socket file (its directory is the coordinator's user's alone)
 * can listen there or connect, which is what the certificates prove on a network. Netty's epoll transport does
 * Unix sockets; the agent jar ships its native for Linux x86-64 only. On TCP the agent keeps netty's NIO
 * (noNativeTransports), so a fleet agent never loads the native.
 */
final class UnixSocketDial {
    static final String PREFIX = "unix:";
    /** The shaded netty's switch that keeps grpc from choosing the epoll transport for TCP. */
    static final String NO_NATIVE = "io.grpc.netty.shaded.io.netty.transport.noNative";

    private UnixSocketDial() {
    }

    /** The socket's path if spec is unix:PATH, else null. */
    static String path(String spec) {
        if (!spec.startsWith(PREFIX)) {
            return null;
        }
        String path = spec.substring(PREFIX.length());
        if (!path.startsWith("/") || path.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 107) {
            throw new IllegalArgumentException("--coordinator unix:PATH needs an absolute PATH of at most 107 bytes,"
                    + " got '" + spec + "'");
        }
        return path;
    }

    /** Before netty loads: TCP agents stay on NIO. */
    static void noNativeTransports() {
        System.setProperty(NO_NATIVE, "true");
    }

    /** A plain-text channel builder for the socket; throws, saying why, where epoll cannot run. */
    static NettyChannelBuilder channel(String path) {
        if (!Epoll.isAvailable()) {
            throw new IllegalArgumentException("cannot dial unix:" + path + ": netty's epoll transport is unavailable"
                    + " here (" + Epoll.unavailabilityCause() + ")");
        }
        // daemon threads, as grpc's own: they never keep a stopping agent alive
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("bindlab-unix", true), EpollIoHandler.newFactory());
        return NettyChannelBuilder.forAddress(new DomainSocketAddress(path))
                .channelType(EpollDomainSocketChannel.class)
                .eventLoopGroup(group)
                .withOption(ChannelOption.SO_KEEPALIVE, null) // grpc sets it for TCP; netty warns on a Unix socket
                .overrideAuthority("localhost")
                .usePlaintext();
    }
}
