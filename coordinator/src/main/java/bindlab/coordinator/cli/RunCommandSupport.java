// Parses ADDR:PORT for the coordinator's listening socket, and the default when neither option nor inventory says.
package bindlab.coordinator.cli;

import bindlab.coordinator.fleet.Inventory;
import bindlab.engine.BadInput;
import java.net.InetSocketAddress;

final class RunCommandSupport {
    /** Loopback unless told otherwise: a coordinator never listens on every interface by accident. */
    static final String DEFAULT_LISTEN = "127.0.0.1:47000";

    private RunCommandSupport() {
    }

    /** --listen, else the inventory's bindlab_listen, else the default. */
    static String listenOf(String option, Inventory inv) {
        return option != null ? option : inv.listen() != null ? inv.listen() : DEFAULT_LISTEN;
    }

    static InetSocketAddress parseListen(String spec) {
        if (spec.startsWith("unix:")) { // what a demo's manifest records: its lab's socket, gone with the lab
            throw BadInput.of("--listen", "'" + spec + "' was a demo lab's Unix socket, gone with its lab: give"
                    + " --listen ADDR:PORT and an inventory whose agents dial it");
        }
        int c = spec.lastIndexOf(':');
        if (c > 0 && spec.substring(c + 1).matches("[0-9]{1,5}")) {
            int port = Integer.parseInt(spec.substring(c + 1));
            String host = spec.substring(0, c).replace("[", "").replace("]", "");
            if (port <= 65535 && (host.matches("[0-9.]+") || host.contains(":"))) {
                return new InetSocketAddress(host, port);
            }
        }
        throw BadInput.of("--listen", "must be ADDR:PORT with a numeric address, got '" + spec + "'");
    }
}
