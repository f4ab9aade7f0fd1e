// The gRPC service agents dial: validates each Hello, keeps the connected agents by name, routes step results,
// and drops agents whose heartbeats stop.
package bindlab.coordinator.hub;

import bindlab.engine.run.AgentDirectory;
import bindlab.proto.v1.AgentLinkGrpc;
import bindlab.proto.v1.AgentMessage;
import bindlab.proto.v1.CoordinatorMessage;
import bindlab.proto.v1.Heartbeat;
import bindlab.proto.v1.Hello;
import bindlab.proto.v1.ProtocolVersion;
import bindlab.proto.v1.Refusal;
import bindlab.proto.v1.Welcome;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class AgentHub extends AgentLinkGrpc.AgentLinkImplBase implements AgentDirectory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentHub.class);
    public static final String VERSION = "0.1.0";

    private final Map<String, AgentSession> agents = new ConcurrentHashMap<>();
    /** Agents that dialled in and were refused, by name: 'fleet status' lists them. */
    private final Map<String, Hello> strangers = new ConcurrentHashMap<>();
    private final long heartbeatMs;
    private final Predicate<String> accepts;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bindlab-hub-heartbeat");
        t.setDaemon(true);
        return t;
    });

    /** accepts: which agent names this coordinator will use; others get a Refusal naming the reason. */
    public AgentHub(Duration heartbeat, Predicate<String> accepts) {
        this.heartbeatMs = heartbeat.toMillis();
        this.accepts = accepts;
        timer.scheduleAtFixedRate(this::beat, heartbeatMs, heartbeatMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public StreamObserver<AgentMessage> connect(StreamObserver<CoordinatorMessage> responses) {
        ServerCallStreamObserver<CoordinatorMessage> out = (ServerCallStreamObserver<CoordinatorMessage>) responses;
        final AgentSession[] current = {null};
        out.setOnCancelHandler(() -> {
            AgentSession s = current[0];
            if (s != null) {
                s.close("stream cancelled");
                agents.remove(s.name(), s);
            }
        });
        return new StreamObserver<>() {
            private AgentSession session;

            @Override
            public void onNext(AgentMessage m) {
                if (session == null) {
                    session = hello(m, out);
                    current[0] = session;
                    return;
                }
                session.heard();
                if (m.hasBatchResult()) {
                    session.complete(m.getBatchResult());
                }
            }

            @Override
            public void onError(Throwable t) {
                end("stream failed: " + t.getMessage());
            }

            @Override
            public void onCompleted() {
                end("agent closed the stream");
                out.onCompleted();
            }

            private void end(String reason) {
                if (session != null) {
                    LOG.warn("agent '{}' disconnected: {}", session.name(), reason);
                    session.close(reason);
                    agents.remove(session.name(), session);
                }
            }
        };
    }

    private AgentSession hello(AgentMessage m, ServerCallStreamObserver<CoordinatorMessage> out) {
        String refusal = refusalFor(m);
        if (refusal != null) {
            LOG.warn("refused an agent: {}", refusal);
            if (m.hasHello()) {
                strangers.put(m.getHello().getAgentName(), m.getHello());
            }
            out.onNext(CoordinatorMessage.newBuilder().setRefusal(Refusal.newBuilder().setReason(refusal)).build());
            out.onCompleted();
            return null;
        }
        Hello h = m.getHello();
        AgentSession s = new AgentSession(h, out);
        agents.put(h.getAgentName(), s);
        s.send(CoordinatorMessage.newBuilder().setWelcome(Welcome.newBuilder()
                .setCoordinatorVersion(VERSION).setHeartbeatIntervalMs((int) heartbeatMs)).build());
        LOG.info("agent '{}' connected: {} {} ({}), ports {}-{}, address {}", h.getAgentName(),
                h.getIdentity().getOsFamily(), h.getIdentity().getOsVersion(), h.getIdentity().getOsName(),
                h.getPorts().getLow(), h.getPorts().getHigh(), h.getAddressV4());
        return s;
    }

    /** Why this first message cannot start a session, or null if it can. */
    private String refusalFor(AgentMessage m) {
        if (!m.hasHello()) {
            return "the first message must be Hello";
        }
        Hello h = m.getHello();
        if (h.getProtocol() != ProtocolVersion.PROTOCOL_VERSION_1) {
            return "protocol " + h.getProtocol() + " is not supported (this coordinator speaks v1)";
        }
        if (h.getAgentName().isBlank()) {
            return "agent name is empty";
        }
        if (!accepts.test(h.getAgentName())) {
            return "agent name '" + h.getAgentName() + "' is not one this coordinator uses";
        }
        AgentSession existing = agents.get(h.getAgentName());
        if (existing != null && existing.isOpen()) {
            return "an agent named '" + h.getAgentName() + "' is already connected";
        }
        if (h.getPorts().getLow() == 0 || h.getPorts().getHigh() < h.getPorts().getLow()) {
            return "agent '" + h.getAgentName() + "' sent no valid port range";
        }
        return null;
    }

    private void beat() {
        long now = System.currentTimeMillis();
        for (AgentSession s : agents.values()) {
            if (now - s.lastHeardMs() > 3 * heartbeatMs) {
                LOG.warn("agent '{}' missed 3 heartbeats: dropping it", s.name());
                s.abort("no heartbeat for " + (now - s.lastHeardMs()) + " ms");
                agents.remove(s.name(), s);
            } else {
                s.send(CoordinatorMessage.newBuilder()
                        .setHeartbeat(Heartbeat.newBuilder().setSentUnixMs(now)).build());
            }
        }
    }

    public AgentSession agent(String name) {
        AgentSession s = agents.get(name);
        return s != null && s.isOpen() ? s : null;
    }

    public Map<String, Hello> refused() {
        return new TreeMap<>(strangers);
    }

    public Collection<AgentSession> connected() {
        return new ArrayList<>(agents.values());
    }

    /** The connected agent of that name, waiting up to timeoutMs for it; null if it is still missing then. */
    @Override
    public AgentSession await(String name, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            AgentSession s = agent(name);
            if (s != null || System.currentTimeMillis() >= deadline) {
                return s;
            }
            Thread.sleep(Math.min(50, Math.max(1, deadline - System.currentTimeMillis())));
        }
    }

    /** The names of those not connected within timeoutMs (waiting once for all of them). */
    public List<String> awaitAll(List<String> names, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        List<String> missing = new ArrayList<>();
        for (String n : names) {
            if (await(n, Math.max(0, deadline - System.currentTimeMillis())) == null) {
                missing.add(n);
            }
        }
        return missing;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        for (AgentSession s : agents.values()) {
            s.abort("coordinator stopping");
        }
        agents.clear();
    }
}
