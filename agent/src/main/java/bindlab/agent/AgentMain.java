// bindlab-agent: the command users start on every host; dials the coordinator and serves steps until stopped.
package bindlab.agent;

import bindlab.agent.platform.Platform;
import bindlab.agent.platform.Platforms;
import bindlab.proto.v1.Capabilities;
import bindlab.proto.v1.Hello;
import bindlab.proto.v1.HostIdentity;
import bindlab.proto.v1.PortRange;
import bindlab.proto.v1.ProtocolVersion;
import bindlab.proto.v1.SockOption;
import io.grpc.ManagedChannel;
import java.io.PrintWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bindlab-agent", mixinStandardHelpOptions = true, versionProvider = AgentMain.Version.class,
        description = "Runs socket steps for a bindlab coordinator. Dials the coordinator; opens no port of its own.")
public final class AgentMain implements Callable<Integer> {
    public static final String VERSION = "0.1.0";
    private static final Logger LOG = Logger.getLogger(AgentMain.class.getName());

    @Option(names = "--coordinator", paramLabel = "HOST:PORT",
            description = "Coordinator address; or unix:PATH, a Unix socket of this host (a lab's; Linux x86-64):"
                    + " plain text, no --certs, with --name and --address.")
    String coordinator;

    @Option(names = "--name", description = "This host's name in the inventory (default: its certificate's name;"
            + " required with --insecure).")
    String name;

    @Option(names = "--certs", paramLabel = "DIR",
            description = "ca.crt, agent.crt and agent.key as 'bindlab pki issue --agent NAME' writes them.")
    java.io.File certs;

    @Option(names = "--coordinator-name", paramLabel = "NAME",
            description = "The name the coordinator's certificate must carry (default: the HOST of --coordinator).")
    String coordinatorName;

    @Option(names = "--ports", paramLabel = "LO-HI",
            description = "Sandbox port range: the only local ports this agent binds.")
    String ports;

    @Option(names = "--address", paramLabel = "IPV4",
            description = "IPv4 address peers reach this host on (default: the one that routes to the coordinator).")
    String address;

    @Option(names = "--address6", paramLabel = "IPV6", description = "IPv6 address peers reach this host on.")
    String address6;

    @Option(names = "--insecure", description = "Plain-text gRPC, no TLS: anyone on the network can steer this agent.")
    boolean insecure;

    @Option(names = "--other-user-file", paramLabel = "FILE",
            description = "Windows: the credentials of the local account the different-user scenarios use (user=,"
                    + " password=; written by the deploy scripts, readable by SYSTEM and Administrators only)."
                    + " Without it the agent reports no other-user capability. Linux needs none (root).")
    java.io.File otherUserFile;

    @Option(names = "--log-dir", paramLabel = "DIR", defaultValue = "bindlab-agent-logs",
            description = "Rotating log file directory (default: ${DEFAULT-VALUE}, relative to the working directory).")
    java.io.File logDir;

    @Override
    public Integer call() throws Exception {
        if (coordinator == null || ports == null) {
            throw new IllegalArgumentException("--coordinator and --ports are required (or run 'bindlab-agent"
                    + " selftest')");
        }
        String socket = UnixSocketDial.path(coordinator);
        if (socket == null) {
            UnixSocketDial.noNativeTransports();
        }
        if (socket != null) {
            if (insecure || certs != null || coordinatorName != null || name == null || address == null) {
                throw new IllegalArgumentException("--coordinator unix:PATH takes --name and"
                        + " --address and neither --certs nor --insecure (nor --coordinator-name): it is plain text on"
                        + " a socket of this host, whose file permissions decide who may connect");
            }
        } else if (insecure == (certs != null)) {
            throw new IllegalArgumentException(insecure
                    ? "--insecure and --certs exclude each other"
                    : "--certs DIR is required (mutual TLS; see 'bindlab pki issue --agent NAME'), or --insecure for"
                    + " plain text on an isolated network");
        }
        AgentTls tls = certs == null ? null : AgentTls.load(certs);
        if (tls != null && name != null && !name.equals(tls.name())) {
            throw new IllegalArgumentException("--name " + name + " differs from the name in " + certs + "/"
                    + AgentTls.CERT + " ('" + tls.name() + "'): the certificate decides");
        }
        if (tls == null && name == null) {
            throw new IllegalArgumentException("--name is required with --insecure");
        }
        String agentName = tls != null ? tls.name() : name;
        PortRange range = parsePorts(ports);
        AgentLog.rotateInto(logDir);
        if (socket != null) {
            LOG.info("plain text as '" + agentName + "' on the Unix socket " + socket);
        } else if (insecure) {
            warnInsecure(System.err);
        } else {
            if (tls.keyPermissionProblem() != null) {
                System.err.println("bindlab-agent: warning: " + tls.keyPermissionProblem());
            }
            AgentTls.noDefaultTrustStore();
            try {
                LOG.info("mutual TLS as '" + agentName + "' with " + AgentTls.chooseTlsProvider());
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException("cannot do TLS here: " + e.getMessage()
                        + " (or, on an isolated test network only, --insecure)");
            }
        }
        InetSocketAddress target = socket == null ? parseHostPort(coordinator) : null;
        Platform platform = Platforms.current();
        String noOtherUser = platform.sockets().useOtherUser(otherUserFile);
        LOG.info(noOtherUser == null ? "other-user sockets belong to " + platform.sockets().otherUserAccount()
                : "other-user scenarios are NOT_APPLICABLE here: " + noOtherUser);
        String v4 = address != null ? address : routeTo(target);
        Hello hello = hello(agentName, platform, range, v4, address6 == null ? "" : address6);
        String overlap = sandboxWarning(range, hello.getIdentity());
        if (overlap != null) {
            LOG.warning(overlap);
        }
        if (!hello.getIdentity().getWineVersion().isEmpty()) {
            LOG.info("running under Wine " + hello.getIdentity().getWineVersion() + " on "
                    + hello.getIdentity().getWineHost() + ": reported as os_family 'wine', never as Windows");
        }
        ManagedChannel channel = CoordinatorDial.channel(socket, target, tls == null ? null : tls.credentials(),
                coordinatorName == null ? null : coordinatorName + ":" + target.getPort());
        final AgentClient client = new AgentClient(channel, hello, new StepExecutor(platform, range));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            client.stop();
            channel.shutdownNow();
        }, "bindlab-agent-shutdown"));
        client.runForever();
        return 0;
    }

    /** Printed at every start with --insecure: nothing proves who steers this agent. */
    static void warnInsecure(java.io.PrintStream err) {
        err.println("bindlab-agent: ******************************************************************");
        err.println("bindlab-agent: * INSECURE: plain-text gRPC, no TLS. Whoever answers on the      *");
        err.println("bindlab-agent: * coordinator's address controls this agent's sockets and filters. *");
        err.println("bindlab-agent: * Use --certs DIR (mutual TLS) outside an isolated test network.   *");
        err.println("bindlab-agent: ******************************************************************");
        err.flush();
    }

    public static Hello hello(String name, Platform platform, PortRange range, String v4, String v6) {
        Capabilities.Builder caps = Capabilities.newBuilder()
                .setPacketFilter(platform.packetFilter().available())
                .setPacketFilterBackend(platform.packetFilter().describe())
                .setIpv6(true)
                .setRoot(platform.privileged())
                .setOtherUser(platform.sockets().canOpenAsOtherUser())
                .setOtherUserAccount(platform.sockets().otherUserAccount())
                .setObserveRange(true); // every TcpTable reads a range of ports in one go
        for (SockOption o : SockOption.values()) {
            if (o != SockOption.UNRECOGNIZED && o != SockOption.SOCK_OPTION_UNSPECIFIED
                    && platform.sockets().supports(o)) {
                caps.addOptions(o);
            }
        }
        return Hello.newBuilder()
                .setProtocol(ProtocolVersion.PROTOCOL_VERSION_1)
                .setAgentName(name)
                .setAgentVersion(VERSION)
                .setIdentity(platform.identity().read())
                .setCapabilities(caps)
                .setPorts(range)
                .setAddressV4(v4)
                .setAddressV6(v6)
                .setLimits(Sandbox.limits())
                .build();
    }

    /**
     * Said at start when the sandbox overlaps the host's excluded port ranges (Windows reserves them; any bind there
     * fails with WSAEACCES): the agent refuses binds there, so those ports give no results. Null when clear.
     */
    static String sandboxWarning(PortRange sandbox, HostIdentity id) {
        StringBuilder hit = new StringBuilder();
        for (PortRange r : id.getExcludedPortsList()) {
            if (r.getLow() <= sandbox.getHigh() && r.getHigh() >= sandbox.getLow()) {
                hit.append(hit.length() == 0 ? "" : ", ").append(r.getLow()).append('-').append(r.getHigh());
            }
        }
        if (hit.length() == 0) {
            return null;
        }
        return "the sandbox " + sandbox.getLow() + "-" + sandbox.getHigh() + " overlaps this host's excluded port"
                + " range(s) " + hit + " (netsh int ipv4 show excludedportrange protocol=tcp): binds there are refused"
                + " and give no results; choose --ports outside them";
    }

    /** "40000-40999" -> range; refuses reversed, privileged-looking or out-of-range values. */
    public static PortRange parsePorts(String spec) {
        String[] p = spec.split("-");
        try {
            if (p.length == 2) {
                int lo = Integer.parseInt(p[0].trim());
                int hi = Integer.parseInt(p[1].trim());
                if (lo >= 1024 && hi <= 65535 && lo <= hi) {
                    return PortRange.newBuilder().setLow(lo).setHigh(hi).build();
                }
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("--ports must be LO-HI with 1024 <= LO <= HI <= 65535, got '" + spec + "'");
    }

    static InetSocketAddress parseHostPort(String spec) {
        int colon = spec.lastIndexOf(':');
        try {
            if (colon > 0) {
                String host = spec.substring(0, colon).replace("[", "").replace("]", "");
                int port = Integer.parseInt(spec.substring(colon + 1));
                if (port > 0 && port <= 65535) {
                    return InetSocketAddress.createUnresolved(host, port);
                }
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("--coordinator must be HOST:PORT, got '" + spec + "'");
    }

    /** The local IPv4 address the OS would use to reach the coordinator (a UDP connect sends nothing). */
    static String routeTo(InetSocketAddress coordinator) {
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(InetAddress.getByName(coordinator.getHostString()), coordinator.getPort());
            InetAddress local = probe.getLocalAddress();
            return local == null || local.isAnyLocalAddress() ? "" : local.getHostAddress();
        } catch (Exception e) {
            return "";
        }
    }

    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"bindlab-agent " + VERSION + " (protocol v1)"};
        }
    }
}
