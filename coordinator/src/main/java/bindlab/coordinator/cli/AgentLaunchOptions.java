// Which agent jar and java binary a local lab starts its agents with.
package bindlab.coordinator.cli;

import bindlab.coordinator.lab.Lab;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

public final class AgentLaunchOptions {
    @Option(names = "--agent-jar", paramLabel = "JAR", description = "The agent jar (default: agent/target/bindlab-agent.jar).")
    Path agentJar;

    @Option(names = "--agent-java", paramLabel = "JAVA", description = "The java binary agents run on (default: this JVM's).")
    String agentJava;

    Path jar() {
        return agentJar != null ? agentJar : Path.of(System.getProperty("bindlab.agent.jar", "agent/target/bindlab-agent.jar"));
    }

    /**
     * The agents' class archive (AppCDS, which ./bindlab makes once per build and names in this property): mapped
     * at start, about half a second less to registered on a busy machine. Only for the default jar on this JVM's
     * java, the ones it was made with (the JVM ignores a stale one anyway). With ARCHIVE_MAKE (./bindlab's training
     * run) each agent writes one instead, named after its host.
     */
    static final String ARCHIVE = "bindlab.agent.archive";
    static final String ARCHIVE_MAKE = "bindlab.agent.archive.make";

    List<String> archiveFlags() {
        String archive = System.getProperty(ARCHIVE);
        if (archive == null || agentJar != null || agentJava != null) {
            return List.of();
        }
        return List.of(Boolean.getBoolean(ARCHIVE_MAKE) ? "-XX:ArchiveClassesAtExit=" + archive + ".{host}"
                : "-XX:SharedArchiveFile=" + archive);
    }

    /**
     * Why the agents this starts might not dial a lab's Unix socket, or null: only the jar built with this
     * coordinator on this JVM's java is known to (an older jar knows no unix:, another JVM may not load epoll).
     */
    String unixSocketProblem() {
        return agentJar != null ? "--agent-jar may be a jar without unix:" : agentJava != null
                ? "--agent-java may not load netty's epoll" : null;
    }

    String java() {
        return agentJava != null ? agentJava : Lab.ownJava();
    }
}
