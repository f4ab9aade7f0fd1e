// Which gRPC transport the agent dials its coordinator with.
package bindlab.agent;

import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.okhttp.OkHttpChannelBuilder;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * TCP goes through grpc's OkHttp transport, with the JDK's TLS: it loads far fewer classes than Netty, which kept a
 * fleet agent with mutual TLS on Java 17 above 64 MB idle (docs/PERFORMANCE.md). Netty stays for the two things
 * OkHttp cannot do: a lab's Unix socket (epoll), and TLS on a Java 8 without ALPN (before 8u252), where only the
 * bundled BoringSSL (netty-tcnative) can do it (AgentTls.chooseTlsProvider).
 */
public final class CoordinatorDial {
    private CoordinatorDial() {
    }

    /**
     * A channel to the coordinator at unixPath (a lab's) or else target. tls: AgentTls's credentials, null for plain
     * text; authority: the name the coordinator's certificate must carry, null for target's host.
     */
    public static ManagedChannel channel(String unixPath, InetSocketAddress target, ChannelCredentials tls,
            String authority) {
        ManagedChannelBuilder<?> b = transport(unixPath, target, tls);
        if (authority != null) {
            b.overrideAuthority(authority);
        }
        // directExecutor: AgentClient's handlers never block (a batch goes to the step threads), so messages are
        // handled on the transport's thread instead of being handed to grpc's executor one by one
        return b.directExecutor().keepAliveTime(30, TimeUnit.SECONDS).maxInboundMessageSize(1 << 20).build();
    }

    private static ManagedChannelBuilder<?> transport(String unixPath, InetSocketAddress target,
            ChannelCredentials tls) {
        if (unixPath != null) {
            return NettyDial.unixSocket(unixPath);
        }
        String host = target.getHostString();
        if (tls == null) {
            return OkHttpChannelBuilder.forAddress(host, target.getPort()).usePlaintext();
        }
        return AgentTls.jdkHasAlpn() ? OkHttpChannelBuilder.forAddress(host, target.getPort(), tls)
                : NettyDial.tcpWithBoringSsl(host, target.getPort(), tls);
    }
}
