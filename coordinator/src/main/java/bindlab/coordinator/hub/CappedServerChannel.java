// The coordinator's listening socket with a cap on open connections: connections beyond it are closed on accept.
package bindlab.coordinator.hub;

import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * gRPC's Netty server has no connection limit of its own. This channel counts the connections it accepted and
 * still open; one over the cap is closed before gRPC (or TLS) ever sees it, so idle or half-open connections
 * cannot pile up beyond the cap whatever the handshake and Hello deadlines allow meanwhile.
 */
final class CappedServerChannel extends NioServerSocketChannel {
    private static final Logger LOG = LoggerFactory.getLogger(CappedServerChannel.class);

    private final int cap;
    private final AtomicInteger open;
    private final AtomicLong refused;

    CappedServerChannel(int cap, AtomicInteger open, AtomicLong refused) {
        this.cap = cap;
        this.open = open;
        this.refused = refused;
    }

    @Override
    protected int doReadMessages(List<Object> buf) throws Exception {
        int before = buf.size();
        int n = super.doReadMessages(buf);
        for (int i = buf.size() - 1; i >= before; i--) {
            Channel child = (Channel) buf.get(i);
            if (open.incrementAndGet() > cap) {
                open.decrementAndGet();
                buf.remove(i);
                n--;
                if (refused.getAndIncrement() % 100 == 0) {
                    LOG.warn("connection from {} closed: {} connections are open (the cap)", child.remoteAddress(), cap);
                }
                child.unsafe().closeForcibly();
            } else {
                child.closeFuture().addListener(f -> open.decrementAndGet());
            }
        }
        return n;
    }
}
