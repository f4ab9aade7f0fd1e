// bench/SimAgents.java: many simulated agents in one process for the coordinator scale bench (bench/scale.sh). Each
// is a real gRPC client on its own channel and stream, with the real protocol: Hello, heartbeats, a BatchResult for
// every StepBatch. It answers steps without sockets, from a small model of what a Linux host would show: a listen or
// a reached wait-state puts that state on the port's table row, a bind on a port with a row fails EADDRINUSE, a
// connect to a port the peer filters times out, a release clears the cell's ports. Not a test: a load generator.
//   java -cp coordinator/target/bindlab.jar bench/SimAgents.java HOST:PORT TARGETS PEERS
import bindlab.proto.v1.AgentLinkGrpc;
import bindlab.proto.v1.AgentMessage;
import bindlab.proto.v1.BatchResult;
import bindlab.proto.v1.Capabilities;
import bindlab.proto.v1.CoordinatorMessage;
import bindlab.proto.v1.Endpoint;
import bindlab.proto.v1.Heartbeat;
import bindlab.proto.v1.Hello;
import bindlab.proto.v1.HostIdentity;
import bindlab.proto.v1.PortRange;
import bindlab.proto.v1.ProtocolVersion;
import bindlab.proto.v1.SockOption;
import bindlab.proto.v1.Step;
import bindlab.proto.v1.StepBatch;
import bindlab.proto.v1.StepResult;
import bindlab.proto.v1.StepStatus;
import bindlab.proto.v1.TcpRow;
import bindlab.proto.v1.TcpState;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

public class SimAgents {
    static final int MAX_AGENTS = 252;

    /** The address agent i advertises, in the labs' own range; a sim opens no socket, so nothing is ever sent there. */
    static String address(int i) {
        return "198.18.0." + (i + 2);
    }

    public static void main(String[] a) throws Exception {
        String[] hp = a[0].split(":");
        int targets = Integer.parseInt(a[1]);
        int peers = Integer.parseInt(a[2]);
        if (targets + peers > MAX_AGENTS) {
            throw new IllegalArgumentException("at most " + MAX_AGENTS + " simulated agents: they are labelled with "
                    + "addresses in 198.18.0.0/24 (no packet is ever sent to them)");
        }
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();
        List<ManagedChannel> channels = new ArrayList<>();
        for (int i = 0; i < targets + peers; i++) {
            String name = i < targets ? "sim-target-" + (i + 1) : "sim-peer-" + (i - targets + 1);
            ManagedChannel ch = NettyChannelBuilder.forAddress(hp[0], Integer.parseInt(hp[1])).usePlaintext().build();
            channels.add(ch);
            new Sim(name, i, ch, beats).connect();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> channels.forEach(ManagedChannel::shutdownNow)));
        System.out.println("sim agents: " + targets + " targets, " + peers + " peers connecting to " + a[0]);
        Thread.currentThread().join();
    }

    /** One simulated agent: its stream and its model of the host's TCP table. */
    static final class Sim implements StreamObserver<CoordinatorMessage> {
        final String name;
        final int index;
        final ManagedChannel channel;
        final ScheduledExecutorService beats;
        StreamObserver<AgentMessage> out;
        /** port -> state on the table; socket (cell/name) -> bound port; cell -> ports it touched; filtered ports. */
        final Map<Integer, TcpState> table = new HashMap<>();
        final Map<String, Integer> bound = new HashMap<>();
        final Map<String, Set<Integer>> touched = new HashMap<>();
        final Set<String> filtered = new HashSet<>();
        final Map<String, Set<String>> cellFilters = new HashMap<>();

        Sim(String name, int index, ManagedChannel channel, ScheduledExecutorService beats) {
            this.name = name;
            this.index = index;
            this.channel = channel;
            this.beats = beats;
        }

        void connect() {
            out = AgentLinkGrpc.newStub(channel).connect(this);
            Capabilities.Builder caps = Capabilities.newBuilder().setPacketFilter(true).setPacketFilterBackend("sim")
                    .setIpv6(true).setRoot(true).setOtherUser(true).setObserveRange(true);
            for (SockOption o : new SockOption[] {SockOption.REUSEADDR, SockOption.REUSEPORT, SockOption.LINGER,
                    SockOption.V6ONLY}) {
                caps.addOptions(o);
            }
            send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setProtocol(ProtocolVersion.PROTOCOL_VERSION_1)
                    .setAgentName(name).setAgentVersion("sim").setCapabilities(caps)
                    .setIdentity(HostIdentity.newBuilder().setOsFamily("linux").setOsName("simulated")
                            .setOsVersion("0.0.0-sim").setHostname(name))
                    .setPorts(PortRange.newBuilder().setLow(40000).setHigh(40999))
                    .setAddressV4(address(index)).setAddressV6("")).build());
        }

        synchronized void send(AgentMessage m) {
            out.onNext(m);
        }

        @Override
        public void onNext(CoordinatorMessage m) {
            switch (m.getKindCase()) {
                case WELCOME:
                    long every = Math.max(200, m.getWelcome().getHeartbeatIntervalMs() / 2);
                    beats.scheduleAtFixedRate(() -> send(AgentMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder()
                            .setSentUnixMs(System.currentTimeMillis())).build()), every, every, TimeUnit.MILLISECONDS);
                    break;
                case BATCH:
                    send(AgentMessage.newBuilder().setBatchResult(run(m.getBatch())).build());
                    break;
                default:
                    break;
            }
        }

        synchronized BatchResult run(StepBatch batch) {
            BatchResult.Builder r = BatchResult.newBuilder().setBatchId(batch.getId());
            boolean stopped = false;
            for (Step s : batch.getStepsList()) {
                if (stopped && !s.getAlways()) {
                    continue;
                }
                StepResult res = step(s).setStepId(s.getId()).build();
                r.addResults(res);
                stopped |= res.getStatus() != StepStatus.OK && !s.getGoOnError();
            }
            return r.build();
        }

        private StepResult.Builder step(Step s) {
            StepResult.Builder ok = StepResult.newBuilder().setStatus(StepStatus.OK);
            String cell = s.getCell();
            switch (s.getOpCase()) {
                case BIND: {
                    int port = s.getBind().getLocal().getPort();
                    if (table.containsKey(port)) {
                        return StepResult.newBuilder().setStatus(StepStatus.ERROR).setErrorName("EADDRINUSE")
                                .setRawCode(98).setCall("bind");
                    }
                    bound.put(cell + "/" + s.getBind().getSocket(), port);
                    touch(cell, port);
                    return ok.setCall("bind");
                }
                case LISTEN: {
                    Integer port = bound.get(cell + "/" + s.getListen().getSocket());
                    if (port != null) {
                        table.putIfAbsent(port, TcpState.LISTEN);
                    }
                    return ok.setCall("listen");
                }
                case WAIT_STATE: {
                    int port = s.getWaitState().getPort();
                    table.put(port, s.getWaitState().getState());
                    touch(cell, port);
                    return ok.setCall("wait-state").addRows(row(port));
                }
                case OBSERVE_TCP: {
                    ok.setCall("observe");
                    int from = s.getObserveTcp().getPort();
                    for (int port = from; port <= Math.max(from, s.getObserveTcp().getPortHigh()); port++) {
                        if (table.containsKey(port)) {
                            ok.addRows(row(port));
                        }
                    }
                    return ok;
                }
                case FILTER_ON: {
                    String key = key(s.getFilterOn().getRemote());
                    filtered.add(key);
                    cellFilters.computeIfAbsent(cell, c -> new HashSet<>()).add(key);
                    return ok.setCall("filter");
                }
                case CONNECT:
                    return filtered.contains(key(s.getConnect().getRemote()))
                            ? StepResult.newBuilder().setStatus(StepStatus.TIMEOUT).setCall("connect")
                            : ok.setCall("connect");
                case SETSOCKOPT:
                    return ok.setCall("setsockopt").setReadback(s.getSetsockopt().getValue());
                case RELEASE: {
                    Set<Integer> ports = touched.remove(cell);
                    if (ports != null) {
                        ports.forEach(table::remove);
                    }
                    Set<String> rules = cellFilters.remove(cell);
                    if (rules != null) {
                        filtered.removeAll(rules);
                    }
                    bound.keySet().removeIf(k -> k.startsWith(cell + "/"));
                    return ok.setCall("release");
                }
                default:
                    return ok;
            }
        }

        private static String key(Endpoint e) {
            return e.getAddress() + ":" + e.getPort();
        }

        private void touch(String cell, int port) {
            touched.computeIfAbsent(cell, c -> new HashSet<>()).add(port);
        }

        private TcpRow row(int port) {
            return TcpRow.newBuilder().setLocal(Endpoint.newBuilder().setAddress("0.0.0.0").setPort(port))
                    .setRemote(Endpoint.newBuilder().setAddress("0.0.0.0")).setState(table.get(port)).setOwnerPid(-1)
                    .setUid(-1).build();
        }

        @Override
        public void onError(Throwable t) {
            System.err.println(name + ": stream failed: " + t);
        }

        @Override
        public void onCompleted() {
            out.onCompleted();
        }
    }
}
