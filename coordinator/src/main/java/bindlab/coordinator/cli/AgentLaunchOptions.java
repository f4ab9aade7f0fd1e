// Which agent jar and java binary a local lab starts its agents with.
package bindlab.coordinator.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

public final class AgentLaunchOptions {
    @Option(names = "--agent-jar", paramLabel = "JAR", description = "The agent jar (default: agent/target/bindlab-agent.jar).")
    Path agentJar;

    @Option(names = "--agent-java", paramLabel = "JAVA", description = "The java binary agents run on (default: this JVM's).")
    String agentJava;

    Path jar() {
        return agentJar != null ? agentJar : Path.of(System.getProperty("bindlab.agent.jar", "agent/target/bindlab-agent.jar"));
    }

    String java() {
        return agentJava != null ? agentJava : Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
