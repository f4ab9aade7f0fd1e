// Mutual TLS between real agents and a real coordinator on loopback: a measured cell over TLS, health and
// reflection, and every way in that must be refused (plain text, a foreign CA, an expired certificate, a name the
// inventory lacks, a second session under a connected name, a Hello that lies, a rogue coordinator), plus the hub's
// limits (Hello deadline, connection cap, message size, bounded memory for refused agents).
package bindlab.coordinator.hub;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.agent.AgentClient;
import bindlab.agent.AgentMain;
import bindlab.coordinator.Eventually;
import bindlab.coordinator.fleet.Inventory;
import bindlab.coordinator.fleet.InventoryParser;
import bindlab.coordinator.pki.FleetPki;
import bindlab.coordinator.run.InProcessAgents;
import bindlab.proto.v1.AgentLinkGrpc;
import bindlab.proto.v1.AgentMessage;
import bindlab.proto.v1.CoordinatorMessage;
import bindlab.proto.v1.Hello;
import bindlab.proto.v1.PortRange;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetSecurityTest {
    static final int T_LOW = 47500;
    static final int P_LOW = 47600;
    static final String INVENTORY = """
            all:
              vars:
                bindlab_address: 127.0.0.1
              hosts:
                t: {bindlab_role: target, bindlab_peer: p, bindlab_ports: 47500-47599}
                p: {bindlab_role: peer, bindlab_ports: 47600-47699}
            """;

    @TempDir
    static Path dir;
    static FleetPki pki;
    static FleetPki foreign;

    private AgentHub hub;
    private CoordinatorServer server;
    private InProcessAgents agents;
    private final List<AutoCloseable> extra = new ArrayList<>();

    @BeforeAll
    static void certificates() throws Exception {
        pki = FleetPki.init(dir.resolve("pki"), "test", Duration.ofDays(2));
        pki.issueCoordinator(List.of("127.0.0.1", "coordinator.test"), Duration.ofDays(1));
        // an expired certificate for 't', kept aside, then the valid one
        pki.issueAgent("t", Instant.now().minus(Duration.ofDays(3)), Instant.now().minus(Duration.ofDays(1)));
        Files.move(pki.agentDir("t"), dir.resolve("t-expired"));
        for (String n : List.of("t", "p", "stranger")) {
            pki.issueAgent(n, Duration.ofDays(1));
        }
        foreign = FleetPki.init(dir.resolve("foreign"), "rogue", Duration.ofDays(2));
        foreign.issueAgent("t", Duration.ofDays(1));
        foreign.issueCoordinator(List.of("127.0.0.1"), Duration.ofDays(1));
    }

    @BeforeEach
    void start() throws Exception {
        Inventory inv = InventoryParser.parse("test.yml", INVENTORY);
        hub = new AgentHub(new FleetAdmission(inv), true);
        hub.helloDeadline(Duration.ofMillis(1500));
        server = CoordinatorServer.start(new InetSocketAddress("127.0.0.1", 0), hub,
                CoordinatorServer.Security.fromPki(pki.dir()), 16);
        agents = new InProcessAgents(server.port(), pki.dir());
    }

    @AfterEach
    void stop() throws Exception {
        agents.close();
        for (AutoCloseable c : extra) {
            c.close();
        }
        server.close();
    }

    @Test
    void agentsWithFleetCertificatesConnectAndTheirNamesComeFromTheCertificates() throws Exception {
        agents.start("t", T_LOW);
        agents.start("p", P_LOW);
        var found = awaitAgents("t", "p");
        assertThat(found.get("t").hello().getAddressV4()).isEqualTo("127.0.0.1");
        // health checking and reflection answer over the same mutual TLS (any fleet client certificate)
        ManagedChannel ch = agents.channel(pki.agentDir("p"), null);
        extra.add(ch::shutdownNow);
        HealthCheckResponse health = HealthGrpc.newBlockingStub(ch).withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService(AgentLinkGrpc.SERVICE_NAME).build());
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        assertThat(reflectedServices(ch)).contains("bindlab.v1.AgentLink", "grpc.health.v1.Health");
    }

    @Test
    void plaintextAgentIsRefused() throws Exception {
        AgentClient plain = agents.start("t", T_LOW, null);
        agents.start("p", P_LOW);
        awaitAgents("p"); // the coordinator works: a TLS agent gets in
        assertNeverConnects(plain, "t");
    }

    @Test
    void certificateFromAnotherCaIsRefused() throws Exception {
        AgentClient rogue = agents.start("t", T_LOW, foreign.agentDir("t"));
        agents.start("p", P_LOW);
        awaitAgents("p");
        assertNeverConnects(rogue, "t");
    }

    @Test
    void expiredCertificateIsRefused() throws Exception {
        AgentClient expired = agents.start("t", T_LOW, dir.resolve("t-expired"));
        agents.start("p", P_LOW);
        awaitAgents("p");
        assertNeverConnects(expired, "t");
    }

    @Test
    void certificateForANameNotInTheInventoryIsRefusedAndListed() throws Exception {
        AgentClient stranger = agents.start("stranger", T_LOW);
        agents.start("p", P_LOW);
        awaitAgents("p");
        assertNeverConnects(stranger, "stranger");
        assertThat(stranger.lastProblem()).contains("'stranger' is not a host of the inventory");
        assertThat(hub.refused()).containsKey("stranger");
    }

    @Test
    void aSecondSessionUnderAConnectedNameIsRefusedAndTheFirstStays() throws Exception {
        agents.start("t", T_LOW);
        AgentSession first = awaitAgents("t").get("t");
        AgentClient twin = agents.start("t", T_LOW);
        assertNeverConnects(twin, null);
        assertThat(twin.lastProblem()).contains("already connected");
        assertThat(hub.agent("t")).isSameAs(first);
    }

    @Test
    void theHelloCannotClaimAnotherNameThanTheCertificate() throws Exception {
        PortRange range = PortRange.newBuilder().setLow(P_LOW).setHigh(P_LOW + 99).build();
        Hello claimsP = AgentMain.hello("p", agents.platform, range, "127.0.0.1", "");
        AgentClient liar = agents.start(claimsP, range, agents.channel(pki.agentDir("t"), null));
        assertNeverConnects(liar, "p");
        assertThat(liar.lastProblem()).contains("the Hello names 'p' but the certificate is for 't'");
    }

    @Test
    void helloAddressesAndPortsMustMatchTheInventory() throws Exception {
        PortRange range = PortRange.newBuilder().setLow(T_LOW).setHigh(T_LOW + 99).build();
        AgentClient wrongAddress = agents.start(AgentMain.hello("t", agents.platform, range, "127.0.0.9", ""), range,
                agents.channel(pki.agentDir("t"), null));
        assertNeverConnects(wrongAddress, "t");
        assertThat(wrongAddress.lastProblem()).contains("advertises 127.0.0.9 but the inventory's bindlab_address is 127.0.0.1");
        PortRange wide = PortRange.newBuilder().setLow(P_LOW).setHigh(P_LOW + 500).build();
        AgentClient wrongPorts = agents.start(AgentMain.hello("p", agents.platform, wide, "127.0.0.1", ""), wide,
                agents.channel(pki.agentDir("p"), null));
        assertNeverConnects(wrongPorts, "p");
        assertThat(wrongPorts.lastProblem()).contains("outside the inventory's bindlab_ports 47600-47699");
    }

    @Test
    void agentRefusesACoordinatorWithoutTheFleetCertificateOrWithTheWrongName() throws Exception {
        // a rogue coordinator that takes any client and counts what it is told
        AtomicInteger hellos = new AtomicInteger();
        Path rogueCerts = foreign.coordinatorDir();
        Server rogue = rogueServer(rogueCerts, hellos);
        InProcessAgents toRogue = new InProcessAgents(rogue.getPort(), pki.dir());
        extra.add(toRogue);
        AgentClient victim = toRogue.start("t", T_LOW);
        // the same rogue with the fleet's own coordinator certificate, dialled under a name that certificate lacks
        Server wrongName = rogueServer(pki.coordinatorDir(), hellos);
        InProcessAgents toWrongName = new InProcessAgents(wrongName.getPort(), pki.dir());
        extra.add(toWrongName);
        PortRange range = PortRange.newBuilder().setLow(T_LOW).setHigh(T_LOW + 99).build();
        AgentClient checksName = toWrongName.start(AgentMain.hello("t", agents.platform, range, "127.0.0.1", ""),
                range, toWrongName.channel(pki.agentDir("t"), "other.test"));
        awaitProblem(victim);
        awaitProblem(checksName);
        Thread.sleep(1000); // a few more dials
        assertThat(hellos.get()).as("Hellos sent to a coordinator the agent must not trust").isZero();
        assertThat(victim.connected()).isFalse();
        assertThat(checksName.connected()).isFalse();
        // control: the fleet's certificate under its own name is trusted, so the harness does see Hellos
        AgentClient trusting = toWrongName.start(AgentMain.hello("t", agents.platform, range, "127.0.0.1", ""),
                range, toWrongName.channel(pki.agentDir("t"), "coordinator.test"));
        Eventually.waitUntil(10_000, () -> hellos.get() > 0);
        assertThat(hellos.get()).as("Hello to the real certificate").isPositive();
        trusting.stop();
    }

    @Test
    void aStreamWithoutHelloIsCancelledAtTheDeadline() throws Exception {
        ManagedChannel ch = agents.channel(pki.agentDir("t"), null);
        extra.add(ch::shutdownNow);
        // connected first (TCP and TLS), so the time below is the Hello deadline's alone, even on a loaded machine
        Eventually.waitUntil(10_000, () -> ch.getState(true) == io.grpc.ConnectivityState.READY);
        assertThat(ch.getState(false)).isEqualTo(io.grpc.ConnectivityState.READY);
        CompletableFuture<Status> ended = new CompletableFuture<>();
        long t0 = System.currentTimeMillis();
        AgentLinkGrpc.newStub(ch).connect(new StreamObserver<>() {
            @Override
            public void onNext(CoordinatorMessage m) {
            }

            @Override
            public void onError(Throwable t) {
                ended.complete(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
                ended.complete(Status.OK);
            }
        });
        Status s = ended.get(10, TimeUnit.SECONDS);
        assertThat(s.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(System.currentTimeMillis() - t0).isBetween(1000L, 6000L);
    }

    @Test
    void connectionsBeyondTheCapAreClosedOnAccept() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
                idle.add(s);
            }
            // accepted by the kernel first, by the server later
            Eventually.waitUntil(10_000, () -> server.refusedConnections() >= 24);
            assertThat(server.openConnections()).isLessThanOrEqualTo(16);
            assertThat(server.refusedConnections()).isGreaterThanOrEqualTo(24);
            int closedByServer = 0;
            for (Socket s : idle) {
                s.setSoTimeout(200);
                try (InputStream in = s.getInputStream()) {
                    closedByServer += in.read() < 0 ? 1 : 0;
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // held, up to the TLS handshake timeout
                } catch (java.io.IOException reset) {
                    closedByServer++;
                }
            }
            assertThat(closedByServer).isGreaterThanOrEqualTo(24);
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
        agents.start("t", T_LOW); // once they are gone, agents get in again
        awaitAgents("t");
    }

    @Test
    void hugeHellosAreRejectedAndRefusedAgentsUseBoundedMemory() throws Exception {
        PortRange range = PortRange.newBuilder().setLow(T_LOW).setHigh(T_LOW + 99).build();
        Hello huge = AgentMain.hello("t", agents.platform, range, "127.0.0.1", "").toBuilder()
                .setIdentity(AgentMain.hello("t", agents.platform, range, "", "").getIdentity().toBuilder()
                        .addNotes("x".repeat(3_500_000)))
                .build();
        AgentClient big = agents.start(huge, range, agents.channel(pki.agentDir("t"), null));
        assertNeverConnects(big, "t");
        assertThat(big.lastProblem()).contains("RESOURCE_EXHAUSTED");
        // refused Hellos are remembered only as short records, and only the most recent ones
        ManagedChannel ch = agents.channel(pki.agentDir("stranger"), null);
        extra.add(ch::shutdownNow);
        for (int i = 0; i < 60; i++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            StreamObserver<AgentMessage> up = AgentLinkGrpc.newStub(ch).connect(new StreamObserver<>() {
                @Override
                public void onNext(CoordinatorMessage m) {
                }

                @Override
                public void onError(Throwable t) {
                    done.complete(null);
                }

                @Override
                public void onCompleted() {
                    done.complete(null);
                }
            });
            up.onNext(AgentMessage.newBuilder().setHello(AgentMain.hello("stranger", agents.platform, range, "", "")
                    .toBuilder().setIdentity(huge.getIdentity().toBuilder().clearNotes().addNotes("y".repeat(500_000))))
                    .build());
            done.get(10, TimeUnit.SECONDS);
        }
        assertThat(hub.refused()).hasSizeLessThanOrEqualTo(AgentHub.REFUSED_KEPT);
        AgentHub.Refused r = hub.refused().get("stranger");
        assertThat(r.times()).isGreaterThanOrEqualTo(60);
        assertThat(r.toString().length()).isLessThan(1000);
    }

    /** Waits (15 s at most) until every named agent is connected; fails naming those missing. */
    private java.util.Map<String, AgentSession> awaitAgents(String... names) throws InterruptedException {
        assertThat(hub.awaitAll(List.of(names), 15_000)).as("agents that did not connect").isEmpty();
        java.util.Map<String, AgentSession> out = new java.util.HashMap<>();
        for (String n : names) {
            out.put(n, hub.agent(n));
        }
        return out;
    }

    /**
     * The agent is refused and stays unwelcome for 1 s more while it keeps dialling; name: the hub must not hold it
     * under that name.
     */
    private void assertNeverConnects(AgentClient c, String name) throws Exception {
        awaitProblem(c);
        Thread.sleep(1000);
        assertThat(c.connected()).as("agent was welcomed").isFalse();
        if (name != null) {
            assertThat(hub.agent(name)).as("hub session under '" + name + "'").isNull();
        }
    }

    /** Waits (15 s at most: a first TLS handshake on a loaded machine) until the agent knows why it was refused. */
    private static void awaitProblem(AgentClient c) throws Exception {
        Eventually.waitUntil(15_000, () -> !c.lastProblem().isEmpty());
        assertThat(c.lastProblem()).as("why the agent was refused").isNotEmpty();
    }

    private Server rogueServer(Path certs, AtomicInteger hellos) throws Exception {
        Server s = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0),
                        TlsServerCredentials.newBuilder().keyManager(certs.resolve("coordinator.crt").toFile(),
                                certs.resolve("coordinator.key").toFile()).build())
                .addService(new AgentLinkGrpc.AgentLinkImplBase() {
                    @Override
                    public StreamObserver<AgentMessage> connect(StreamObserver<CoordinatorMessage> out) {
                        return new StreamObserver<>() {
                            @Override
                            public void onNext(AgentMessage m) {
                                if (m.hasHello()) {
                                    hellos.incrementAndGet();
                                }
                            }

                            @Override
                            public void onError(Throwable t) {
                            }

                            @Override
                            public void onCompleted() {
                            }
                        };
                    }
                }).build().start();
        extra.add(() -> s.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
        return s;
    }

    private static List<String> reflectedServices(ManagedChannel ch) throws Exception {
        CompletableFuture<List<String>> names = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> req = ServerReflectionGrpc.newStub(ch).serverReflectionInfo(
                new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse r) {
                        names.complete(r.getListServicesResponse().getServiceList().stream()
                                .map(ServiceResponse::getName).toList());
                    }

                    @Override
                    public void onError(Throwable t) {
                        names.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        req.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        List<String> out = names.get(10, TimeUnit.SECONDS);
        req.onCompleted();
        return out;
    }
}
