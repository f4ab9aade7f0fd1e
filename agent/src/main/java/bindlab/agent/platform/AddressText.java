// The one text form of an IP address that the agent writes anywhere (table rows and step results, Linux and
// Windows): dotted IPv4, and RFC 5952 canonical IPv6 ("::", "::1", "fe80::1", "::ffff:192.0.2.1").
package bindlab.agent.platform;

import java.net.InetAddress;

/**
 * java.net prints "0:0:0:0:0:0:0:1" and turns a v4-mapped IPv6 address into plain IPv4; the coordinator writes its
 * endpoints the canonical way, so everything the agent reports must be written the same way, on every platform.
 */
public final class AddressText {

    private AddressText() {
    }

    /** 4 bytes: dotted quad; 16 bytes: canonical IPv6 (a v4-mapped address keeps its ::ffff: prefix). */
    public static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "."
                    + (address[3] & 0xff);
        }
        if (address.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + address.length);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        if (isV4Mapped(groups)) {
            return "::ffff:" + (address[12] & 0xff) + "." + (address[13] & 0xff) + "." + (address[14] & 0xff) + "."
                    + (address[15] & 0xff);
        }
        return join(groups, longestZeroRun(groups));
    }

    /** The address alone, without any scope id or host name. */
    public static String of(InetAddress address) {
        return format(address.getAddress());
    }

    private static boolean isV4Mapped(int[] g) {
        return g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff;
    }

    /** {start, length} of the first longest run of two or more zero groups; length 0 if there is none. */
    private static int[] longestZeroRun(int[] g) {
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < g.length; ) {
            int j = i;
            while (j < g.length && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength && j - i >= 2) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        return new int[] {bestStart, bestLength};
    }

    private static String join(int[] g, int[] run) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < g.length; i++) {
            if (i == run[0]) {
                s.append("::");
                i += run[1] - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(g[i]));
        }
        return s.toString();
    }
}
