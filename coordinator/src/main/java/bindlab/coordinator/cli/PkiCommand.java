// bindlab pki: the fleet's certificate authority (init) and the certificates of agents and coordinator (issue).
package bindlab.coordinator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "pki", mixinStandardHelpOptions = true,
        description = "The fleet's certificates for mutual TLS: 'pki init' once, then 'pki issue' per agent and for"
                + " the coordinator.",
        subcommands = {PkiInitCommand.class, PkiIssueCommand.class})
public final class PkiCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a pki command: init or issue");
    }
}
