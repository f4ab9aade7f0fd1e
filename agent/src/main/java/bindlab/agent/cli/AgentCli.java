// The agent jar's entry point: the dialling agent (AgentMain) with its subcommands, selftest and solo, and the exit
// codes: 2 for bad usage or input, 3 for anything else. Wiring lives here so that no command package depends on another.
package bindlab.agent.cli;

import bindlab.agent.AgentLog;
import bindlab.agent.AgentMain;
import bindlab.agent.SelfTestCommand;
import bindlab.agent.solo.SoloCommand;
import bindlab.engine.BadInput;
import java.io.PrintWriter;
import picocli.CommandLine;

public final class AgentCli {
    static final int EXIT_USAGE = 2;
    static final int EXIT_INFRA = 3;

    private AgentCli() {
    }

    public static void main(String[] args) {
        AgentLog.init();
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the CLI in-process: tests call this. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        AgentMain agent = new AgentMain();
        if (DirectOptions.bind(agent, args)) { // the usual start, without picocli's classes (DirectOptions)
            try {
                return agent.call();
            } catch (Exception e) {
                return failed(err, e);
            }
        }
        CommandLine cli = new CommandLine(new AgentMain()).addSubcommand(new SelfTestCommand())
                .addSubcommand(new SoloCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> failed(err, e));
        return cli.execute(args);
    }

    /** What a command's failure prints, and its exit code. */
    private static int failed(PrintWriter err, Exception e) {
        if (e instanceof CommandLine.ParameterException || e instanceof IllegalArgumentException
                || e instanceof UnsupportedOperationException || e instanceof BadInput) {
            err.println("bindlab-agent: " + e.getMessage());
            return EXIT_USAGE;
        }
        err.println("bindlab-agent: " + e);
        return EXIT_INFRA;
    }
}
