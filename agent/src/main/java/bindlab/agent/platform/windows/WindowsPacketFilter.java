// The Windows PacketFilter: none yet, so a Windows host cannot be the peer that drops packets.
package bindlab.agent.platform.windows;

import bindlab.agent.platform.PacketFilter;
import bindlab.proto.v1.FilterDirection;
import java.io.IOException;
import java.net.InetSocketAddress;

/** Holding FIN_WAIT_1 and similar states against a Windows peer uses the zero-window technique instead. */
public final class WindowsPacketFilter implements PacketFilter {
    static final String WHY = "no packet filter on Windows peers yet; use the zero-window technique";

    @Override
    public boolean available() {
        return false;
    }

    @Override
    public String describe() {
        return WHY;
    }

    @Override
    public void add(String key, FilterDirection direction, InetSocketAddress remote) throws IOException {
        throw new IOException(WHY);
    }

    /** Nothing was ever added, so there is nothing to remove. */
    @Override
    public void remove(String key) {
    }

    @Override
    public void removeAll() {
    }
}
