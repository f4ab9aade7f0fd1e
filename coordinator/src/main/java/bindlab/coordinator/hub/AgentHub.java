// The gRPC service agents dial: admits each agent by its certificate's name and the inventory, keeps the connected
// agents by name, tells each whom it may reach, routes step results, and drops agents whose heartbeats stop.
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
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class AgentHub extends AgentLinkGrpc.AgentLinkImplBase implements AgentDirectory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentHub.class);
    public static final String VERSION = "0.1.0";

    /**
     * How often the hub and its agents beat (the Welcome tells the agent); a side silent for 3 beats is dropped. 2 s
     * lets a loaded machine stall for up to 6 s: at 1 s, a lab test lost an agent on a busy 2-core machine.
     */
    private static final long HEARTBEAT_MS = 2000;

    /** Refused agents remembered for 'fleet status': the most recent ones only, so memory stays bounded. */
    public static final int REFUSED_KEPT = 32;

    private final Map<String, AgentSession> agents = new ConcurrentHashMap<>();
    private final Map<String, String> gone = new ConcurrentHashMap<>(); // agents known not to come back, and why
    /** Agents that dialled in and were refused, by name, newest last; bounded, strings clipped. */
    private final Map<String, Refused> strangers = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Refused> eldest) {
            return size() > REFUSED_KEPT;
        }
    };
    private final FleetAdmission admission;
    private final boolean certificates;
    /** How a connected agent's name was proven, for the log. */
    private final String proof;
    private volatile Duration helloDeadline = Duration.ofSeconds(10);
    private volatile boolean over;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bindlab-hub-heartbeat");
        t.setDaemon(true);
        return t;
    });

    /** A refused agent as 'fleet status' shows it: what it claimed, why it was refused, how often. */
    public record Refused(String name, String os, String reason, String from, long lastUnixMs, int times) {
    }

    /**
     * certificates: names come from verified client certificates (mutual TLS); false only with --insecure, where
     * the Hello's name is taken on trust. Others get a Refusal naming the reason.
     */
    public AgentHub(FleetAdmission admission, boolean certificates) {
        this(admission, certificates, false);
    }

    /** The same, for a server with this security (on a socket only its owner can open, the Hello's name is taken). */
    public AgentHub(FleetAdmission admission, CoordinatorServer.Security security) {
        this(admission, security.tls(), security.ownerOnly());
    }

    private AgentHub(FleetAdmission admission, boolean certificates, boolean ownerOnly) {
        this.admission = admission;
        this.certificates = certificates;
        this.proof = certificates ? " (certificate verified)" : ownerOnly ? " (on a socket only its owner can open)"
                : " (INSECURE: name not proven)";
        timer.scheduleAtFixedRate(this::beat, HEARTBEAT_MS, HEARTBEAT_MS, TimeUnit.MILLISECONDS);
    }

    /** How long a new stream may take to send its Hello before it is cancelled (default 10 s). */
    public void helloDeadline(Duration d) {
        this.helloDeadline = d;
    }

    @Override
    public StreamObserver<AgentMessage> connect(StreamObserver<CoordinatorMessage> responses) {
        ServerCallStreamObserver<CoordinatorMessage> out = (ServerCallStreamObserver<CoordinatorMessage>) responses;
        final AgentSession[] current = {null};
        final String certName = PeerIdentity.NAME.get();
        final String remote = PeerIdentity.ADDRESS.get() == null ? "" : PeerIdentity.ADDRESS.get();
        final boolean[] answered = {false};
        ScheduledFuture<?> deadline = timer.schedule(() -> {
            synchronized (answered) {
                if (answered[0]) {
                    return;
                }
                answered[0] = true;
            }
            LOG.warn("a connection from {} sent no Hello within {} ms: closed", remote, helloDeadline.toMillis());
            try {
                out.onError(Status.DEADLINE_EXCEEDED.withDescription("no Hello within " + helloDeadline.toMillis()
                        + " ms").asRuntimeException());
            } catch (RuntimeException alreadyGone) {
                // the stream ended meanwhile
            }
        }, helloDeadline.toMillis(), TimeUnit.MILLISECONDS);
        out.setOnCancelHandler(() -> {
            deadline.cancel(false);
            AgentSession s = current[0];
            if (s != null) {
                s.close("stream cancelled");
                agents.remove(s.name(), s);
            }
        });
        return new StreamObserver<>() {
            private AgentSession session;
            private boolean refused;

            @Override
            public void onNext(AgentMessage m) {
                if (refused) {
                    return; // a refused stream gets nothing more, whatever it sends
                }
                if (session == null) {
                    synchronized (answered) {
                        if (answered[0]) {
                            return; // the Hello deadline passed
                        }
                        answered[0] = true;
                    }
                    deadline.cancel(false);
                    session = hello(m, out, certName, remote);
                    refused = session == null;
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
                deadline.cancel(false);
                end("stream failed: " + t.getMessage());
            }

            @Override
            public void onCompleted() {
                deadline.cancel(false);
                end("agent closed the stream");
                if (!refused) {
                    try {
                        out.onCompleted();
                    } catch (RuntimeException alreadyClosed) {
                        // the Hello deadline closed it
                    }
                }
            }

            private void end(String reason) {
                if (session != null) {
                    if (over) {
                        LOG.debug("agent '{}' disconnected after the campaign: {}", session.name(), reason);
                    } else {
                        LOG.warn("agent '{}' disconnected: {}", session.name(), reason);
                    }
                    session.close(reason);
                    agents.remove(session.name(), session);
                }
            }
        };
    }

    /** Admits or refuses the stream's first message; the session is registered only once it knows its scope. */
    private synchronized AgentSession hello(AgentMessage m, ServerCallStreamObserver<CoordinatorMessage> out,
            String certName, String remote) {
        FleetAdmission.Decision d = null;
        String refusal = refusalFor(m, certName);
        if (refusal == null) {
            d = admission.admit(certName != null ? certName : m.getHello().getAgentName(), m.getHello(), remote);
            refusal = d.refusal();
        }
        if (refusal != null) {
            remember(m, certName, remote, refusal);
            LOG.warn("refused an agent from {}: {}", remote, refusal);
            out.onNext(CoordinatorMessage.newBuilder().setRefusal(Refusal.newBuilder().setReason(refusal)).build());
            out.onCompleted();
            return null;
        }
        Hello h = d.hello();
        d.warnings().forEach(w -> LOG.warn("{}", w));
        AgentSession s = new AgentSession(h, out);
        s.send(CoordinatorMessage.newBuilder().setWelcome(Welcome.newBuilder()
                .setCoordinatorVersion(VERSION).setHeartbeatIntervalMs((int) HEARTBEAT_MS)).build());
        Map<String, Hello> admitted = admittedHellos();
        admitted.put(h.getAgentName(), h);
        s.sendScope(admission.scopeFor(h.getAgentName(), admitted));
        for (AgentSession other : agents.values()) {
            if (other.isOpen()) {
                other.sendScope(admission.scopeFor(other.name(), admitted)); // resent only if it changed
            }
        }
        agents.put(h.getAgentName(), s);
        gone.remove(h.getAgentName());
        LOG.info("agent '{}' connected from {}{}: {} {} ({}), ports {}-{}, address {} {}", h.getAgentName(), remote,
                proof,
                h.getIdentity().getOsFamily(), h.getIdentity().getOsVersion(), h.getIdentity().getOsName(),
                h.getPorts().getLow(), h.getPorts().getHigh(), h.getAddressV4(), h.getAddressV6());
        return s;
    }

    private Map<String, Hello> admittedHellos() {
        Map<String, Hello> out = new HashMap<>();
        agents.values().stream().filter(AgentSession::isOpen).forEach(a -> out.put(a.name(), a.hello()));
        return out;
    }

    /** Why this first message cannot start a session before the inventory is asked, or null. */
    private String refusalFor(AgentMessage m, String certName) {
        if (!m.hasHello()) {
            return "the first message must be Hello";
        }
        Hello h = m.getHello();
        if (h.getProtocol() != ProtocolVersion.PROTOCOL_VERSION_1) {
            return "protocol " + h.getProtocol() + " is not supported (this coordinator speaks v1)";
        }
        if (certificates && certName == null) {
            return "no client certificate: this coordinator requires mutual TLS";
        }
        if (certName != null && !certName.equals(h.getAgentName())) {
            return "the Hello names '" + FleetAdmission.clip(h.getAgentName()) + "' but the certificate is for '"
                    + certName + "'";
        }
        String name = certName != null ? certName : h.getAgentName();
        if (name.isBlank()) {
            return "agent name is empty";
        }
        AgentSession existing = agents.get(name);
        if (existing != null && existing.isOpen()) {
            return "an agent named '" + name + "' is already connected (from another stream); the first one stays";
        }
        return null;
    }

    private void remember(AgentMessage m, String certName, String remote, String reason) {
        Hello h = m.getHello();
        String name = FleetAdmission.clip(certName != null ? certName : h.getAgentName().isEmpty() ? "?" : h.getAgentName());
        String os = FleetAdmission.clip(bindlab.coordinator.report.Families.of(h.getIdentity()) + " "
                + h.getIdentity().getOsVersion());
        synchronized (strangers) {
            Refused before = strangers.get(name);
            strangers.put(name, new Refused(name, os.strip(), reason.length() > 300 ? reason.substring(0, 300) : reason,
                    remote, System.currentTimeMillis(), before == null ? 1 : before.times() + 1));
        }
    }

    private void beat() {
        long now = System.currentTimeMillis();
        for (AgentSession s : agents.values()) {
            if (now - s.lastHeardMs() > 3 * HEARTBEAT_MS) {
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

    /** The most recently refused agents (at most REFUSED_KEPT), by name. */
    public Map<String, Refused> refused() {
        synchronized (strangers) {
            return new TreeMap<>(strangers);
        }
    }

    public Collection<AgentSession> connected() {
        return new ArrayList<>(agents.values());
    }

    /**
     * The connected agent of that name, waiting up to timeoutMs for it; null if it is still missing then, or at once
     * when it is known to be gone.
     */
    @Override
    public AgentSession await(String name, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            AgentSession s = agent(name);
            if (s != null || gone.containsKey(name) || System.currentTimeMillis() >= deadline) {
                return s;
            }
            Thread.sleep(Math.min(10, Math.max(1, deadline - System.currentTimeMillis())));
        }
    }

    /**
     * The agent will not come back (a lab saw its process exit): nobody waits for it any more, until it connects.
     * Logged at info only: the campaign prints the reason where it matters (the agents that did not connect, or the
     * target whose cells are left for resume).
     */
    public void gone(String name, String why) {
        gone.put(name, why);
        LOG.info("agent '{}' is gone: {}", name, why);
    }

    @Override
    public String gone(String name) {
        return agent(name) == null ? gone.get(name) : null;
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

    /** The campaign is over: an agent that leaves now (a lab stopping its agents) is not news. */
    public void campaignOver() {
        over = true;
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
