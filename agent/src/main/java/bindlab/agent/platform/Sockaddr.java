// Encodes and decodes sockaddr_in (16 bytes) and sockaddr_in6 (28 bytes): the layout is the same on Linux and
// Windows except for the AF_INET6 value, which the caller passes in.
package bindlab.agent.platform;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

public final class Sockaddr {
    public static final int SIZE_IN = 16;
    public static final int SIZE_IN6 = 28;
    /** Big enough for either family: what accept/getsockname are given. */
    public static final int SIZE_STORAGE = 128;
    public static final int AF_INET = 2;

    private final int afInet6;

    public Sockaddr(int afInet6) {
        this.afInet6 = afInet6;
    }

    /** sa_family is host order (little-endian on every platform we ship); port and address are network order. */
    public byte[] encode(InetSocketAddress endpoint) {
        InetAddress addr = endpoint.getAddress();
        boolean v6 = addr instanceof Inet6Address;
        ByteBuffer b = ByteBuffer.allocate(v6 ? SIZE_IN6 : SIZE_IN);
        b.order(ByteOrder.LITTLE_ENDIAN).putShort((short) (v6 ? afInet6 : AF_INET));
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) endpoint.getPort());
        if (v6) {
            b.putInt(0); // flowinfo
            b.put(addr.getAddress());
            b.order(ByteOrder.LITTLE_ENDIAN).putInt(((Inet6Address) addr).getScopeId());
        } else {
            b.put(addr.getAddress());
        }
        return b.array();
    }

    /** Decodes what the OS wrote; null if the family is neither. An AF_INET6 address stays IPv6, mapped or not. */
    public InetSocketAddress decode(byte[] raw) {
        ByteBuffer b = ByteBuffer.wrap(raw);
        int family = b.order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
        int port = b.order(ByteOrder.BIG_ENDIAN).getShort() & 0xffff;
        try {
            if (family == AF_INET) {
                byte[] a = new byte[4];
                b.get(a);
                return new InetSocketAddress(Inet4Address.getByAddress(a), port);
            }
            if (family == afInet6) {
                b.getInt();
                byte[] a = new byte[16];
                b.get(a);
                // Inet6Address even for ::ffff:a.b.c.d, which InetAddress.getByAddress would turn into IPv4
                return new InetSocketAddress(Inet6Address.getByAddress(null, a, -1), port);
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("impossible: fixed-length address", e);
        }
        return null;
    }

    public static boolean isV6(InetSocketAddress endpoint) {
        return endpoint.getAddress() instanceof Inet6Address;
    }
}
