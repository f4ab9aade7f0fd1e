// A local fleet on this machine: with root, one network namespace per host on a bridge in 198.18.0.0/24
// (IPv6 2001:2::/48); without root, agents on 127.0.0.x sharing the machine's stack. Either way the agents are
// real processes dialling a real coordinator, the same path as a real fleet; targets may run the same agent jar on
// a Windows JRE under Wine, each in its own Wine prefix. close() removes everything.
package bindlab.coordinator.lab;

import bindlab.coordinator.hub.CoordinatorServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

public final class Lab implements AutoCloseable {
    private static final int BLOCKS = 16; // 198.18.0.0/24 split into /28 blocks, one per concurrent lab
    /** Each namespace's ephemeral range: above the sandboxes 40000 + 1000 * i (13 hosts at most: up to 52999). */
    static final int EPHEMERAL_LOW = 53000;
    static final int EPHEMERAL_HIGH = 60999;
    /** The lab naming scheme, in one place: namespaces bl-ID-HOST, bridge blIDbr, veth ends blIDhN / blIDnN. */
    static final String NAMESPACE_PREFIX = "bl-";
    static final String BRIDGE_PATTERN = "bl[0-9a-f]{5}br";
    static final int PREFIX4 = 28;
    /** A host namespace's own TCP hash table (see hashParent): plenty for a lab's thousands of lingering sockets. */
    static final int TCP_HASH_BUCKETS = 2048;
    static final int PREFIX6 = 64;

    /**
     * The JVM flags every agent runs with: the same list as the bindlab-agent launcher and deploy's service
     * definitions (LaunchFlagsTest keeps them equal). Why each: docs/PERFORMANCE.md, "Agent footprint".
     */
    public static final List<String> AGENT_JVM_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1", "-Xss512k", "-XX:ReservedCodeCacheSize=16m", "-Xms4m", "-Xmx48m", "-Xmn1m",
            "-XX:MinHeapFreeRatio=5", "-XX:MaxHeapFreeRatio=20",
            "-Dio.grpc.netty.shaded.io.netty.allocator.type=unpooled",
            "-Dio.grpc.netty.shaded.io.netty.jfr.enabled=false");
    /**
     * The lab's Linux agents add these to AGENT_JVM_FLAGS when they run on the coordinator's own JVM (Java 8 has no
     * such flag and would not start): a lab's campaign lasts seconds, and code compiled sooner pays there
     * (docs/PERFORMANCE.md); a fleet's long-lived agents keep the default thresholds and compile less.
     */
    static final List<String> LAB_AGENT_JVM_FLAGS = List.of("-XX:CompileThresholdScaling=0.25");
    /**
     * Each agent runs in a session of its own (setsid execs in place: the process is still the agent), so a
     * terminal's Ctrl-C reaches only the coordinator, which lets running cells finish before it stops the agents.
     */
    static final List<String> OWN_SESSION = Files.isExecutable(Path.of("/usr/bin/setsid")) ? List.of("/usr/bin/setsid")
            : List.of();
    /** A lab's Unix socket (control()): UNIX_SOCKET in a new directory java.io.tmpdir/UNIX_SOCKET_DIR + id + "-N". */
    static final String UNIX_SOCKET_DIR = "bindlab-lab-";
    static final String UNIX_SOCKET = "coordinator.sock";
    /** glibc keeps one malloc arena per thread by default (64 MB reserved, some resident each): two are plenty. */
    public static final String MALLOC_ARENA_MAX = "2";

    private final String id;
    private final boolean namespaces;
    private final String coordinatorAddress;
    private final List<LabHost> hosts;
    private final String bridge;
    private final List<Process> agents = new ArrayList<>();
    private final List<Process> agentsByHost = new ArrayList<>();
    private String agentUser;
    private List<String> agentExtraFlags = List.of();
    private Path agentCopy;
    private WineRuntime wine;
    private final Map<String, WinePrefix> winePrefixes = new LinkedHashMap<>();
    private Launch launch;
    private boolean keep;
    private boolean privateHashes;
    private boolean closed;
    private Path pki;
    private boolean pkiIsTemporary;
    private Path unixSocket;
    private Control control;
    private final Set<Process> stoppedOnPurpose = ConcurrentHashMap.newKeySet();
    private final Map<String, String> exits = new LinkedHashMap<>(); // unexpected, by host; guarded by this
    private BiConsumer<String, String> exitWatcher;

    private Lab(String id, boolean namespaces, String coordinatorAddress, List<LabHost> hosts, String bridge) {
        this.id = id;
        this.namespaces = namespaces;
        this.coordinatorAddress = coordinatorAddress;
        this.hosts = hosts;
        this.bridge = bridge;
    }

    /** Whether this process can build the namespace lab (root and iproute2). */
    public static boolean namespacesPossible() {
        return "root".equals(System.getProperty("user.name")) && Sh.onPath("ip");
    }

    /** Builds a lab of target-1..N and peer-1..M (targets take peers in turn); on failure removes what it made. */
    public static Lab up(int targets, int peers, boolean useNamespaces) throws IOException {
        if (targets < 1 || peers < 1 || targets + peers > 13) {
            throw new IllegalArgumentException("a lab has 1-12 targets and at least one peer, 13 hosts at most");
        }
        List<String[]> hosts = new ArrayList<>();
        for (int i = 1; i <= targets; i++) {
            hosts.add(new String[] {"target-" + i, "target"});
        }
        for (int i = 1; i <= peers; i++) {
            hosts.add(new String[] {"peer-" + i, "peer"});
        }
        return up(hosts, useNamespaces);
    }

    /** Builds the lab for the named hosts (roles "target"/"peer"); on any failure, removes what it made. */
    public static Lab up(List<String[]> nameAndRole, boolean useNamespaces) throws IOException {
        String id = HexFormat.of().formatHex(new SecureRandom().generateSeed(3)).substring(0, 5);
        if (!useNamespaces) {
            // Sandboxes above Linux's ephemeral range (32768-60999): on the shared loopback stack no other
            // process's connection can land on a lab port.
            if (nameAndRole.size() > 4) {
                throw new IllegalArgumentException("a loopback lab has at most 4 hosts (ports 61000-64999)");
            }
            List<LabHost> hosts = new ArrayList<>();
            for (int i = 0; i < nameAndRole.size(); i++) {
                hosts.add(new LabHost(nameAndRole.get(i)[0], nameAndRole.get(i)[1], "127.0.0." + (2 + i), "::1", null,
                        61000 + 1000 * i, 61999 + 1000 * i));
            }
            return new Lab(id, false, "127.0.0.1", hosts, null);
        }
        int block = freeBlock();
        String bridge = bridgeName(id);
        String base = "198.18.0.";
        List<LabHost> hosts = new ArrayList<>();
        for (int i = 0; i < nameAndRole.size(); i++) {
            hosts.add(new LabHost(nameAndRole.get(i)[0], nameAndRole.get(i)[1], base + (16 * block + 2 + i),
                    v6Prefix(block) + Integer.toHexString(2 + i), NAMESPACE_PREFIX + id + "-" + nameAndRole.get(i)[0],
                    40000 + 1000 * i, 40999 + 1000 * i));
        }
        Lab lab = new Lab(id, true, base + (16 * block + 1), hosts, bridge);
        try {
            lab.build(block);
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    /** Makes the lab's PKI in dir (for a lab that outlives this process); else a temporary one is made on first use. */
    public synchronized void pkiIn(Path dir) throws IOException {
        if (pki != null) {
            throw new IllegalStateException("the lab's PKI exists already: " + pki);
        }
        pki = LabPki.create(dir, id, coordinatorAddress, hosts);
    }

    /** The lab's fleet PKI ('bindlab pki' layout): agents dial with mutual TLS, as a real fleet does. */
    public synchronized Path pki() throws IOException {
        if (pki == null) {
            pki = LabPki.create(Files.createTempDirectory("bindlab-lab-pki-" + id), id, coordinatorAddress, hosts);
            pkiIsTemporary = true;
        }
        return pki;
    }

    /** The block's IPv6 /64 in 2001:2::/48, written the way the kernel prints it (2001:2::, 2001:2:0:1::). */
    static String v6Prefix(int block) {
        return block == 0 ? "2001:2::" : "2001:2:0:" + Integer.toHexString(block) + "::";
    }

    static String bridgeName(String id) {
        return "bl" + id + "br";
    }

    /** A host's end of its veth, inside its namespace. */
    static String insideLink(String id, int index) {
        return "bl" + id + "n" + index;
    }

    /**
     * The lab as an Ansible inventory: what a real fleet's file looks like, plus where its agents dial (the lab's
     * address and coordinatorPort, with its PKI; or a comment naming the Unix socket, see control()).
     */
    public String inventory(int coordinatorPort) throws IOException {
        List<String> peers = hosts.stream().filter(h -> h.role().equals("peer")).map(LabHost::name).toList();
        StringBuilder y = new StringBuilder("# Local lab " + id + (namespaces ? " (network namespaces)" : " (loopback)")
                + ", written by bindlab.\n");
        if (unixSocket != null) {
            y.append("# Its agents dial unix:").append(unixSocket)
                    .append(" (plain text; only its owner can open it).\nall:\n  children:\n");
        } else {
            y.append("all:\n  vars:\n    bindlab_listen: \"").append(coordinatorAddress).append(':')
                    .append(coordinatorPort).append("\"\n    bindlab_pki: \"").append(pki().toAbsolutePath())
                    .append("\"\n  children:\n");
        }
        for (String role : List.of("target", "peer")) {
            y.append("    lab_").append(role).append("s:\n      hosts:\n");
            int t = 0;
            for (LabHost h : hosts) {
                if (h.role().equals(role)) {
                    y.append("        ").append(h.name()).append(":\n          bindlab_role: ").append(role).append('\n')
                            .append("          bindlab_address: ").append(h.address4()).append('\n')
                            .append("          bindlab_ports: ").append(h.ports()).append('\n');
                    if (!h.address6().isEmpty() && h.netns() == null) { // namespace hosts get theirs below
                        y.append("          bindlab_address6: \"").append(h.address6()).append("\"\n");
                    }
                    if (role.equals("target")) {
                        y.append("          bindlab_peer: ").append(peers.get(t++ % peers.size())).append('\n');
                    }
                    if (h.netns() != null) {
                        y.append("          bindlab_netns: ").append(h.netns()).append('\n')
                                .append("          bindlab_address6: \"").append(h.address6()).append("\"\n")
                                .append("          bindlab_link: ").append(insideLink(id, hosts.indexOf(h))).append('\n');
                    }
                }
            }
        }
        return y.toString();
    }

    /**
     * Two kinds of ip process instead of a dozen per host: one batch for the bridge, the namespaces and the veths
     * (each host's end created inside its namespace), then one batch per namespace for its addresses and links.
     */
    private void build(int block) throws IOException {
        String v6 = v6Prefix(block);
        if (hashParent()) {
            for (LabHost h : hosts) {
                childNamespace(h.netns());
            }
        }
        StringBuilder root = new StringBuilder()
                .append("link add ").append(bridge).append(" type bridge\n")
                .append("addr add ").append(coordinatorAddress).append("/28 dev ").append(bridge).append('\n')
                .append("addr add ").append(v6).append("1/64 dev ").append(bridge).append(" nodad\n")
                .append("link set ").append(bridge).append(" up\n");
        for (int i = 0; i < hosts.size(); i++) {
            String outside = "bl" + id + "h" + i;
            if (!privateHashes) {
                root.append("netns add ").append(hosts.get(i).netns()).append('\n');
            }
            root.append("link add ").append(outside).append(" type veth peer name ").append(insideLink(id, i))
                    .append(" netns ").append(hosts.get(i).netns()).append('\n')
                    .append("link set ").append(outside).append(" master ").append(bridge).append('\n')
                    .append("link set ").append(outside).append(" up\n");
        }
        Sh.batch(null, root.toString());
        for (int i = 0; i < hosts.size(); i++) {
            LabHost h = hosts.get(i);
            String inside = insideLink(id, i);
            // Ephemeral ports above every sandbox (40000-52999): an outgoing connection of the host itself (the
            // agent's link to the coordinator, the Windows JVM's loopback selector pipe under Wine) never sits on
            // a port a cell measures. The setting is per namespace (and covers IPv6 too).
            Sh.run("ip", "netns", "exec", h.netns(), "sysctl", "-q", "-w", "net.ipv4.ip_local_port_range="
                    + EPHEMERAL_LOW + " " + EPHEMERAL_HIGH);
            Sh.batch(h.netns(), "link set lo up\n"
                    + "addr add " + h.address4() + "/" + PREFIX4 + " dev " + inside + "\n"
                    + "addr add " + h.address6() + "/" + PREFIX6 + " dev " + inside + " nodad\n"
                    + "link set " + inside + " up\n");
        }
    }

    /**
     * Host namespaces get a TCP hash table of their own, small (TCP_HASH_BUCKETS), instead of sharing the
     * machine's (262144 buckets here): every read of a host's TCP table walks all the buckets, so an agent's state
     * wait then costs 0.05 ms instead of 0.4 ms. A namespace's table size is its parent's tcp_child_ehash_entries
     * (Linux 6.1+), so the hosts are made from a parent namespace of the lab's own (hashParent) with that set.
     * Where the kernel lacks the setting, the hosts are plain namespaces sharing the machine's table.
     */
    private boolean hashParent() throws IOException {
        try {
            Sh.run("ip", "netns", "add", parentNamespace());
        } catch (IOException e) {
            return false;
        }
        try {
            Sh.run("ip", "netns", "exec", parentNamespace(), "sysctl", "-q", "-w",
                    "net.ipv4.tcp_child_ehash_entries=" + TCP_HASH_BUCKETS);
            privateHashes = true;
        } catch (IOException e) {
            Sh.tryRun(new ArrayList<>(), "ip", "netns", "del", parentNamespace()); // an older kernel: plain namespaces
        }
        return privateHashes;
    }

    /** A host namespace created from the parent (so with its small hash table), bound where 'ip netns' finds it. */
    private void childNamespace(String netns) throws IOException {
        Path mount = Path.of("/run/netns", netns);
        Files.createFile(mount);
        Sh.run("nsenter", "--net=/run/netns/" + parentNamespace(), "unshare", "--net=" + mount, "true");
    }

    /** The namespace the hosts' namespaces are made from (no host runs in it); removed with them. */
    String parentNamespace() {
        return NAMESPACE_PREFIX + id + "-hashes";
    }

    /** Every namespace of this lab: the hosts' and, when hashes are private, their parent. */
    List<String> namespacesToRemove() {
        List<String> all = new ArrayList<>(hosts.stream().map(LabHost::netns).toList());
        if (privateHashes) {
            all.add(parentNamespace());
        }
        return all;
    }

    /** The first /28 of 198.18.0.0/24 that no interface of this machine uses yet. */
    private static int freeBlock() throws IOException {
        String addrs = Sh.run("ip", "-4", "-o", "addr", "show");
        for (int b = 0; b < BLOCKS; b++) {
            boolean used = false;
            for (int i = 0; i < 16 && !used; i++) {
                used = addrs.contains(" 198.18.0." + (16 * b + i) + "/");
            }
            if (!used) {
                return b;
            }
        }
        throw new IOException("all " + BLOCKS + " lab address blocks in 198.18.0.0/24 are in use (stale labs? see 'ip netns list')");
    }

    /**
     * Runs the agents as this unprivileged uid (via setpriv): how a loopback lab started by root shows what a
     * non-root user gets (no packet filter). Null = the coordinator's own user.
     */
    public synchronized void runAgentsAs(String uid) {
        if (control != null) {
            throw new IllegalStateException("who runs the agents is settled before control() chooses where they dial");
        }
        this.agentUser = uid;
    }

    /**
     * Why this lab's agents cannot dial the coordinator on a Unix socket, or null when they can: agents under Wine
     * (a Windows JRE) or run as another user (the socket is this user's), a platform the agent jar ships no epoll
     * native for (Linux x86-64 only, to keep the jar small), or a coordinator without netty's epoll.
     */
    public synchronized String unixSocketUnavailable() {
        if (!winePrefixes.isEmpty() || wine != null) {
            return "a Wine target's Windows JRE dials TCP";
        }
        if (agentUser != null) {
            return "the agents run as another user";
        }
        if (!System.getProperty("os.name").equals("Linux") || !System.getProperty("os.arch").equals("amd64")) {
            return "the agent jar ships netty's epoll native for Linux x86-64 only";
        }
        // the directory's name takes up to 19 digits after its prefix
        String longest = Path.of(System.getProperty("java.io.tmpdir"), UNIX_SOCKET_DIR + id + "-" + Long.MAX_VALUE,
                UNIX_SOCKET).toAbsolutePath().toString();
        if (longest.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 107) {
            return "a socket under java.io.tmpdir (" + System.getProperty("java.io.tmpdir") + ") would have a path"
                    + " longer than a Unix socket's 107 bytes";
        }
        return CoordinatorServer.unixSocketsUnavailable();
    }

    /**
     * Where a lab's coordinator listens (port: its TCP port, 0 on a Unix socket), how it authenticates, and why it
     * is not the Unix socket (null when it is).
     */
    public record Control(SocketAddress listen, int port, CoordinatorServer.Security security, String whyTcp) {
    }

    /**
     * Where this lab's coordinator listens, chosen once: a Unix socket for agents of this user on this host (see
     * unixSocketUnavailable; agentsCannot, or null, is the caller's reason against it, such as an agent jar that
     * may not know unix:), in plain text, in a new directory that only this user (root for a namespace lab) can
     * enter, so that only it can listen there or connect: what the lab's certificates prove, without their cost (a
     * fifth of a short run's CPU, docs/PERFORMANCE.md), and no control connection in a host's TCP table. Else a
     * free port on the lab's coordinator address, with mutual TLS as a fleet (plain text only where a Wine JRE
     * cannot do TLS, plainTextReason). The socket's directory goes with close().
     */
    public synchronized Control control(String agentsCannot) throws IOException {
        if (control == null) {
            String why = agentsCannot != null ? agentsCannot : unixSocketUnavailable();
            if (why == null) {
                unixSocket = Files.createTempDirectory(UNIX_SOCKET_DIR + id + "-").resolve(UNIX_SOCKET); // 0700
                control = new Control(CoordinatorServer.unixSocket(unixSocket), 0,
                        CoordinatorServer.Security.ownerOnlySocket(), null);
            } else {
                int port = freePort(coordinatorAddress);
                control = new Control(new InetSocketAddress(coordinatorAddress, port), port, security(), why);
            }
        }
        return control;
    }

    /** A port the coordinator can listen on at that address (asked of the OS, then released). */
    public static int freePort(String address) throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket()) {
            s.bind(new InetSocketAddress(address, 0));
            return s.getLocalPort();
        }
    }

    /** JVM flags the Linux agents get after AGENT_JVM_FLAGS; "{host}" in one becomes the host's name. */
    public void agentExtraFlags(List<String> flags) {
        this.agentExtraFlags = List.copyOf(flags);
    }

    /**
     * The targets run the agent on wine's Windows JRE, each in a fresh prefix booted inside its namespace (so the
     * prefix's wineserver, which creates every socket, is on the target's stack); the peers stay Linux agents.
     */
    public synchronized void runTargetsUnderWine(WineRuntime runtime, PrintWriter out) throws IOException {
        if (agentUser != null) {
            throw new IllegalArgumentException("a Wine lab runs its agents as this user (a Wine prefix has one owner)");
        }
        if (control != null) {
            throw new IllegalStateException("Wine targets are settled before control() chooses where agents dial");
        }
        this.wine = runtime;
        for (LabHost h : hosts) {
            if (h.role().equals("target")) {
                Path dir = Path.of(System.getProperty("java.io.tmpdir"), "bindlab-wine-" + id + "-" + h.name());
                out.println("wine: booting a private prefix for " + h.name() + " in " + dir
                        + (h.netns() == null ? "" : " (inside " + h.netns() + ")") + " ...");
                out.flush();
                long t = System.nanoTime();
                WinePrefix prefix = WinePrefix.at(dir, h.netns());
                winePrefixes.put(h.name(), prefix); // first, so a Ctrl-C during the boot still removes it
                prefix.boot();
                if (runtime.processPrng() != null) {
                    prefix.installSystemDll(runtime.processPrng()); // so its Java 8 can do TLS (WineRuntime)
                }
                out.println("wine: prefix ready in " + WineRuntime.seconds(t) + " s");
                out.flush();
            }
        }
    }

    /** The Wine prefix of a host that runs under Wine, or null. */
    public synchronized WinePrefix winePrefix(String host) {
        return winePrefixes.get(host);
    }

    /** The Wine runtime (JRE) of a Wine lab, or null. */
    public synchronized WineRuntime wine() {
        return wine;
    }

    /** The coordinator's own java: a lab's agents run on it unless told otherwise (--agent-java). */
    public static String ownJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Starts one agent process per host, logging to logDir/agent-NAME.log. */
    public synchronized void startAgents(String java, Path agentJar, int coordinatorPort, Path logDir) throws IOException {
        if (!Files.isRegularFile(agentJar)) {
            throw new IOException("agent jar not found: " + agentJar + " (build it with ./bindlab or mvn package)");
        }
        Files.createDirectories(logDir);
        if (agentUser != null) {
            // The unprivileged agents may not be able to read the build tree (e.g. under /root): give them a copy.
            agentCopy = Files.createTempDirectory("bindlab-agent-" + id);
            agentCopy.toFile().setReadable(true, false);
            agentCopy.toFile().setExecutable(true, false);
            agentJar = Files.copy(agentJar, agentCopy.resolve("bindlab-agent.jar"));
            agentJar.toFile().setReadable(true, false);
        }
        this.launch = new Launch(java, agentJar, coordinatorPort, logDir);
        for (LabHost h : hosts) {
            Process p = launch(h);
            agents.add(p);
            agentsByHost.add(p);
        }
    }

    /**
     * Tells watcher (host name, why) of each agent that exited without the lab stopping it, including those gone
     * before this call: a campaign then stops waiting for it instead of sitting out --wait.
     */
    public synchronized void watchAgents(BiConsumer<String, String> watcher) {
        this.exitWatcher = watcher;
        exits.forEach(watcher);
    }

    private Process watched(LabHost h, Process p) {
        p.onExit().thenAccept(done -> {
            if (stoppedOnPurpose.remove(done)) {
                return;
            }
            String why = "its process exited with code " + done.exitValue() + "; see " + agentLog(h) + lastLine(h);
            BiConsumer<String, String> w;
            synchronized (this) {
                if (closed) {
                    return;
                }
                exits.put(h.name(), why);
                w = exitWatcher;
            }
            if (w != null) {
                w.accept(h.name(), why);
            }
        });
        return p;
    }

    /** The agent log's last line, for a message: ": LINE", or "" if there is none. */
    private String lastLine(LabHost h) {
        try {
            List<String> lines = Files.readAllLines(agentLog(h));
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    String l = lines.get(i).strip();
                    return ": " + (l.length() > 200 ? l.substring(0, 200) + "..." : l);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // the path alone is enough to look
        }
        return "";
    }

    private Process launch(LabHost h) throws IOException {
        WinePrefix prefix = winePrefixes.get(h.name());
        if (prefix != null) {
            return launchUnderWine(h, prefix);
        }
        List<String> cmd = new ArrayList<>();
        if (h.netns() != null) {
            cmd.addAll(List.of("ip", "netns", "exec", h.netns()));
        }
        if (agentUser != null) {
            cmd.addAll(List.of("setpriv", "--reuid=" + agentUser, "--regid=" + agentUser, "--clear-groups"));
        }
        cmd.add(launch.java());
        cmd.addAll(AGENT_JVM_FLAGS);
        if (launch.java().equals(ownJava())) {
            cmd.addAll(LAB_AGENT_JVM_FLAGS);
        }
        agentExtraFlags.forEach(f -> cmd.add(f.replace("{host}", h.name())));
        cmd.addAll(List.of("-jar", launch.jar().toString(),
                "--coordinator", unixSocket != null ? "unix:" + unixSocket : coordinatorAddress + ":" + launch.port(),
                "--name", h.name(), "--ports", h.ports(), "--address", h.address4(),
                "--log-dir", launch.logDir().resolve("agent-" + h.name()).toString()));
        if (unixSocket == null) {
            cmd.addAll(tlsArgs(h, false));
        }
        if (!h.address6().isEmpty()) {
            cmd.addAll(List.of("--address6", h.address6()));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("MALLOC_ARENA_MAX", MALLOC_ARENA_MAX);
        if (agentCopy != null) {
            pb.directory(agentCopy.toFile());
        }
        return start(h, pb);
    }

    /** Starts a host's agent in a session of its own (OWN_SESSION), logging to agentLog, watched for its exit. */
    private Process start(LabHost h, ProcessBuilder pb) throws IOException {
        List<String> cmd = new ArrayList<>(OWN_SESSION);
        cmd.addAll(pb.command());
        return watched(h, pb.command(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(agentLog(h).toFile())).start());
    }

    private Path agentLog(LabHost h) {
        return launch.logDir().resolve("agent-" + h.name() + ".log");
    }

    /**
     * Why this lab runs in plain text, or null when it runs mutual TLS like a real fleet: only a Wine lab whose
     * Windows JRE cannot do TLS there (no ALPN, and no ProcessPrng shim for BoringSSL; see WineRuntime.prepare).
     */
    public synchronized String plainTextReason() {
        if (wine == null) {
            return null;
        }
        String version = wine.javaVersion();
        if (version.isEmpty()) {
            return "the Wine lab's Windows JRE (" + wine.jre() + ") has no release file naming its version, so whether"
                    + " it can do TLS is unknown: plain text on the lab's own network";
        }
        if (WineRuntime.tlsCapable(version) || wine.processPrng() != null) {
            return null;
        }
        return "the Wine lab's Windows Java " + version + " has no ALPN (before 8u252), so its TLS is the agent's"
                + " bundled BoringSSL, which needs ProcessPrng; Wine 8 lacks it and the lab's shim for it could not be"
                + " built (" + wine.noProcessPrng() + "): plain text on the lab's own network";
    }

    /** How the lab's coordinator listens on TCP: mutual TLS with the lab's PKI, or plain text (plainTextReason). */
    private CoordinatorServer.Security security() throws IOException {
        return plainTextReason() != null ? CoordinatorServer.Security.insecure() : CoordinatorServer.Security.fromPki(pki());
    }

    /** --certs DIR, or --insecure in a plain-text lab. */
    private List<String> tlsArgs(LabHost h, boolean underWine) throws IOException {
        if (plainTextReason() != null) {
            return List.of("--insecure");
        }
        Path certs = agentCerts(h);
        return List.of("--certs", underWine ? WinePrefix.windowsPath(certs) : certs.toString());
    }

    /** The directory an agent passes as --certs: its own from the lab's PKI (a readable copy for another uid). */
    Path agentCerts(LabHost h) throws IOException {
        return agentCopy != null ? LabPki.copyFor(pki(), h.name(), agentCopy, agentUser)
                : pki().resolve("agents").resolve(h.name());
    }

    /** java.exe from the Windows JRE, in the host's prefix and namespace; paths as Wine's Z: drive sees them. */
    private Process launchUnderWine(LabHost h, WinePrefix prefix) throws IOException {
        List<String> args = new ArrayList<>(List.of(wine.javaExe().toString(), "-Xmx128m", "-jar",
                WinePrefix.windowsPath(launch.jar()), "--coordinator", coordinatorAddress + ":" + launch.port(),
                "--name", h.name(), "--ports", h.ports(), "--address", h.address4(),
                "--log-dir", WinePrefix.windowsPath(launch.logDir().resolve("agent-" + h.name()))));
        args.addAll(tlsArgs(h, true));
        if (!h.address6().isEmpty()) {
            args.addAll(List.of("--address6", h.address6()));
        }
        return start(h, prefix.builder(args));
    }

    private record Launch(String java, Path jar, int port, Path logDir) {
    }

    /** Process ids of the running agents, by host (for 'lab up', which leaves them running). */
    public synchronized List<Long> agentPids() {
        return agentsByHost.stream().map(Process::pid).toList();
    }

    public String id() {
        return id;
    }

    public boolean usesNamespaces() {
        return namespaces;
    }

    /** The lab's bridge in the root namespace, or null for a loopback lab. */
    public String bridge() {
        return bridge;
    }

    public String coordinatorAddress() {
        return coordinatorAddress;
    }

    public List<LabHost> hosts() {
        return hosts;
    }

    /** Takes a host's link down or up, as a fault would (drills); down deletes its IPv6 address. */
    public void setLink(LabHost host, boolean up) throws IOException {
        Sh.run("ip", "-n", host.netns(), "link", "set", insideLink(id, hosts.indexOf(host)), up ? "up" : "down");
    }

    /** Runs a command inside a host's namespace (or directly for a loopback lab). */
    public String exec(LabHost host, String... cmd) throws IOException {
        List<String> full = new ArrayList<>();
        if (host.netns() != null) {
            full.addAll(List.of("ip", "netns", "exec", host.netns()));
        }
        full.addAll(List.of(cmd));
        return Sh.run(full.toArray(new String[0]));
    }

    /** Stops one agent (SIGKILL when hard: a crash), for drills; restartAgent brings it back. */
    public synchronized void killAgent(String name, boolean hard) throws InterruptedException {
        int i = indexOf(name);
        Process p = agentsByHost.get(i);
        stoppedOnPurpose.add(p);
        if (hard) {
            p.destroyForcibly();
        } else {
            p.destroy();
        }
        p.waitFor(10, TimeUnit.SECONDS);
    }

    public synchronized void restartAgent(String name) throws IOException {
        int i = indexOf(name);
        exits.remove(name);
        Process p = launch(hosts.get(i));
        agentsByHost.set(i, p);
        agents.add(p);
    }

    private int indexOf(String name) {
        for (int i = 0; i < hosts.size(); i++) {
            if (hosts.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no lab host '" + name + "'");
    }

    /** Stops the agents (SIGTERM lets them release and drop their nftables table), then removes the namespaces. */
    public synchronized List<String> stopAgents() {
        List<String> problems = new ArrayList<>();
        stoppedOnPurpose.addAll(agents);
        for (Process p : agents) {
            p.destroy();
        }
        for (Process p : agents) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    problems.add("agent pid " + p.pid() + " ignored SIGTERM; killed");
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        agents.clear();
        agentsByHost.clear();
        return problems;
    }

    /** 'lab up': leave the lab (and its agents) running when this process exits; 'lab down' removes it. */
    public synchronized void keepRunning() {
        keep = true;
    }

    @Override
    public synchronized void close() {
        if (closed || keep) {
            return;
        }
        closed = true;
        List<String> problems = stopAgents();
        for (WinePrefix p : winePrefixes.values()) {
            p.closed(problems); // wineserver -k for that prefix only, then the prefix is removed
        }
        if (namespaces) {
            problems.addAll(LabState.remove(namespacesToRemove(), bridge));
        }
        Sh.tryDeleteTree(problems, agentCopy);
        Sh.tryDeleteTree(problems, pkiIsTemporary ? pki : null);
        Sh.tryDeleteTree(problems, unixSocket != null ? unixSocket.getParent() : null);
        problems.forEach(p -> System.err.println("lab " + id + ": " + p));
    }
}
