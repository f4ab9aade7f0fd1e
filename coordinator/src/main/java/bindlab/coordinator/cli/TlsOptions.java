// --pki and --insecure: how the coordinator authenticates agents (mutual TLS by default), shared by the commands.
package bindlab.coordinator.cli;

import bindlab.coordinator.fleet.Inventory;
import bindlab.coordinator.fleet.InventoryVars;
import bindlab.engine.BadInput;
import bindlab.coordinator.hub.CoordinatorServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

public final class TlsOptions {
    /** The inventory variable naming the fleet's PKI directory (relative paths: from the inventory's directory). */
    public static final String PKI_VAR = InventoryVars.PKI;
    public static final String DEFAULT_PKI = "bindlab-pki";

    @Option(names = "--pki", paramLabel = "DIR",
            description = "The fleet's PKI directory ('bindlab pki init'); default: the inventory's bindlab_pki, else"
                    + " bindlab-pki beside the inventory.")
    Path pki;

    @Option(names = "--insecure", description = "Plain-text gRPC, no TLS: agents' names are not proven (agents need"
            + " --insecure too). Printed loudly at every start.")
    boolean insecure;

    /** The server's security for this inventory; prints the banner when insecure. */
    CoordinatorServer.Security resolve(Inventory inv, Path base, PrintWriter err) throws IOException {
        if (insecure) {
            if (pki != null) {
                throw BadInput.of("--insecure", "--insecure and --pki exclude each other");
            }
            err.println(CoordinatorServer.insecureBanner());
            err.flush();
            return CoordinatorServer.Security.insecure();
        }
        return CoordinatorServer.Security.fromPki(pki != null ? pki : pkiOf(inv, base));
    }

    /** The inventory's bindlab_pki (relative to base, the inventory's directory), else base/bindlab-pki. */
    static Path pkiOf(Inventory inv, Path base) {
        String v = inv.hosts().stream().map(h -> h.vars().get(PKI_VAR)).filter(x -> x != null && !x.isEmpty())
                .findFirst().orElse(DEFAULT_PKI);
        Path p = Path.of(v);
        return p.isAbsolute() ? p : base.resolve(p).normalize();
    }
}
