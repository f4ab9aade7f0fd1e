// bindlab: the coordinator CLI. One class per subcommand; failures map to exit codes in ExitCodes only; run() serves
// tests in-process.
package bindlab.coordinator.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "bindlab", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Measures when bind() may reuse a port while old connections linger, across OS versions.",
        subcommands = {DemoCommand.class, RunCommand.class, ResumeCommand.class, FleetCommand.class, LabCommand.class,
            PkiCommand.class,
            MatrixCommand.class, ScenariosCommand.class, ChangesCommand.class, BisectCommand.class, ClaimsCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: "
                + String.join(", ", spec.subcommands().keySet()));
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> ExitCodes.report(e, err));
        return cli.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"bindlab " + bindlab.coordinator.hub.AgentHub.VERSION + " (protocol v1)"};
        }
    }
}
