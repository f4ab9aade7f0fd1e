// The few fields of Linux's struct tcp_info (linux/tcp.h) that say whether a sender still has window to send into.
package bindlab.agent.platform.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

final class TcpInfo {
    /** Up to tcpi_snd_wnd, the last field read (older kernels return less: they lack it). */
    static final int SIZE = 232;
    private static final int SND_MSS = 16;
    private static final int BYTES_ACKED = 120;
    private static final int NOTSENT_BYTES = 144;
    private static final int BYTES_SENT = 200;
    private static final int BYTES_RETRANS = 208;
    private static final int SND_WND = 228;

    private TcpInfo() {
    }

    /**
     * Whether data waits unsent and the peer's advertised window, less what is in flight, is below one segment: the
     * sender then sends nothing until the peer reads. True when the kernel's tcp_info is too short to say (len).
     */
    static boolean windowUsedUp(byte[] info, int len) {
        if (len < SIZE) {
            return true;
        }
        ByteBuffer b = ByteBuffer.wrap(info).order(ByteOrder.nativeOrder());
        long notSent = b.getInt(NOTSENT_BYTES) & 0xffffffffL;
        long inFlight = Math.max(0, b.getLong(BYTES_SENT) - b.getLong(BYTES_RETRANS) - b.getLong(BYTES_ACKED));
        long usable = (b.getInt(SND_WND) & 0xffffffffL) - inFlight;
        return notSent > 0 && usable < (b.getInt(SND_MSS) & 0xffffffffL);
    }
}
