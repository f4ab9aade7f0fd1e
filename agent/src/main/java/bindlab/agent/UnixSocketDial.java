// --coordinator unix:PATH: the agent dials its coordinator on a Unix socket of this host (a lab's), in plain text.
package bindlab.agent;

/** The option's parsing, without Netty (NettyDial.unixSocket dials). */
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

    /** Before netty loads, if it ever does (BoringSSL on an old Java 8): TCP agents stay on NIO. */
    static void noNativeTransports() {
        System.setProperty(NO_NATIVE, "true");
    }
}
