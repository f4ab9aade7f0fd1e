// bindlab pki init: creates the fleet CA (ca.crt, and ca.key readable by its owner only).
package bindlab.coordinator.cli;

import bindlab.coordinator.pki.FleetPki;
import bindlab.engine.BadInput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "init", mixinStandardHelpOptions = true, description = "Create the fleet's CA in --dir.")
public final class PkiInitCommand implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = TlsOptions.DEFAULT_PKI, paramLabel = "DIR",
            description = "The PKI directory (default ${DEFAULT-VALUE}; keep it beside the inventory).")
    Path dir;

    @Option(names = "--name", defaultValue = "fleet", description = "A name for the fleet, in the CA's subject.")
    String name;

    @Option(names = "--days", defaultValue = "3650", description = "The CA's lifetime in days (default ${DEFAULT-VALUE}).")
    int days;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (days < 1) {
            throw BadInput.of("--days", "must be at least 1");
        }
        FleetPki.init(dir, name, Duration.ofDays(days));
        var out = spec.commandLine().getOut();
        out.println("fleet CA created: " + dir.resolve(FleetPki.CA_CERT) + " (key " + dir.resolve(FleetPki.CA_KEY)
                + ", mode 0600: it never leaves this machine)");
        out.println("next: bindlab pki issue --coordinator --san ADDR --dir " + dir + "   and   bindlab pki issue --inventory"
                + " FILE --dir " + dir);
        out.flush();
        return ExitCodes.OK;
    }
}
