// A lab's own fleet PKI: a CA, the coordinator's certificate for the lab's coordinator address, one per lab host.
package bindlab.coordinator.lab;

import bindlab.coordinator.pki.FleetPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** Labs run mutual TLS like a real fleet; their CA lives and dies with the lab (or its directory, for 'lab up'). */
final class LabPki {
    private LabPki() {
    }

    /** Creates the PKI in dir (which must not hold one yet). */
    static Path create(Path dir, String labId, String coordinatorAddress, List<LabHost> hosts) throws IOException {
        FleetPki pki = FleetPki.init(dir, "lab " + labId, Duration.ofDays(30), FleetPki.Keys.EC);
        pki.issueCoordinator(List.of(coordinatorAddress), Duration.ofDays(30));
        for (LabHost h : hosts) {
            pki.issueAgent(h.name(), Duration.ofDays(30));
        }
        return dir;
    }

    /** A copy of one agent's certificate directory that an unprivileged agent (uid) can read, under parent. */
    static Path copyFor(Path pki, String host, Path parent, String uid) throws IOException {
        Path to = parent.resolve("certs-" + host);
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(pki.resolve(FleetPki.AGENTS).resolve(host))) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Sh.run("chown", "-R", uid + ":" + uid, to.toString());
        return to;
    }
}
