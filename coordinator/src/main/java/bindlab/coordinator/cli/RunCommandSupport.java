// Parses ADDR:PORT for the coordinator's listening socket.
package bindlab.coordinator.cli;

import java.net.InetSocketAddress;

final class RunCommandSupport {
    private RunCommandSupport() {
    }

    static InetSocketAddress parseListen(String spec) {
        int c = spec.lastIndexOf(':');
        try {
            if (c > 0) {
                int port = Integer.parseInt(spec.substring(c + 1));
                if (port >= 0 && port <= 65535) {
                    return new InetSocketAddress(spec.substring(0, c).replace("[", "").replace("]", ""), port);
                }
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("--listen must be ADDR:PORT, got '" + spec + "'");
    }
}
