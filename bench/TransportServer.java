// bench/TransportServer.java: a coordinator's gRPC server for bench/transport.sh, with a fleet PKI made in DIR
// (mutual TLS), or plain text. Prints "PORT <port> <agent cert dir>", then serves until killed.
//   java -cp coordinator/target/bindlab.jar bench/TransportServer.java DIR tls|plain
import bindlab.coordinator.fleet.InventoryParser;
import bindlab.coordinator.hub.AgentHub;
import bindlab.coordinator.hub.CoordinatorServer;
import bindlab.coordinator.hub.FleetAdmission;
import bindlab.coordinator.pki.FleetPki;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

public class TransportServer {
    public static void main(String[] args) throws Exception {
        AgentHub hub = new AgentHub(new FleetAdmission(InventoryParser.parse("transport",
                "all:\n  hosts:\n    bench-t: {bindlab_role: target, bindlab_peer: bench-0}\n"
                        + "    bench-0: {bindlab_role: peer}\n")), false);
        FleetPki pki = FleetPki.init(Path.of(args[0]).resolve("pki"), "transport", Duration.ofDays(1));
        pki.issueCoordinator(List.of("127.0.0.1"), Duration.ofDays(1));
        pki.issueAgent("bench-0", Duration.ofDays(1));
        boolean tls = args[1].equals("tls");
        CoordinatorServer server = CoordinatorServer.start(new InetSocketAddress("127.0.0.1", 0), hub,
                tls ? CoordinatorServer.Security.fromPki(pki.dir()) : CoordinatorServer.Security.insecure());
        System.out.println("PORT " + server.port() + " " + (tls ? pki.agentDir("bench-0").toString() : "plain"));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
