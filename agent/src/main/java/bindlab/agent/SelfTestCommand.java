// bindlab-agent selftest: runs the controls on this host without a coordinator, so a user can confirm the backend,
// and the host's readiness checks; under Wine, what Wine cannot provide is reported as such, not as a failure.
package bindlab.agent;

import bindlab.agent.platform.HostCheck;
import bindlab.agent.platform.OsResult;
import bindlab.agent.platform.Platform;
import bindlab.agent.platform.Platforms;
import bindlab.agent.platform.SocketApi;
import bindlab.proto.v1.Family;
import bindlab.proto.v1.HostIdentity;
import bindlab.proto.v1.PortRange;
import bindlab.proto.v1.SockOption;
import bindlab.proto.v1.TcpRow;
import bindlab.proto.v1.TcpState;
import com.google.protobuf.util.JsonFormat;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "selftest", mixinStandardHelpOptions = true,
        description = "Runs the controls locally (no coordinator) and prints a verdict and this host's identity.")
public final class SelfTestCommand implements Callable<Integer> {

    @Option(names = "--ports", defaultValue = "47000-47099", paramLabel = "LO-HI",
            description = "Ports the self-test may bind (default: ${DEFAULT-VALUE}).")
    String ports;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Platform platform = Platforms.current();
        List<String> failures = new SelfTest(platform, AgentMain.parsePorts(ports), out).run();
        out.println(failures.isEmpty() ? "VERDICT: PASS" : "VERDICT: FAIL (" + failures.size() + ")");
        for (String f : failures) {
            out.println("  failed: " + f);
        }
        return failures.isEmpty() ? 0 : 1;
    }

    /** The checks themselves, separate from the CLI so tests can run them. */
    static final class SelfTest {
        private final Platform platform;
        private final SocketApi api;
        private final PortRange range;
        private final PrintWriter out;
        private final List<String> failures = new ArrayList<String>();
        private final List<Long> open = new ArrayList<Long>();

        SelfTest(Platform platform, PortRange range, PrintWriter out) {
            this.platform = platform;
            this.api = platform.sockets();
            this.range = range;
            this.out = out;
        }

        private boolean wine;

        List<String> run() throws Exception {
            HostIdentity id = platform.identity().read();
            wine = !id.getWineVersion().isEmpty();
            out.println("platform: " + platform.name());
            out.println("identity: " + JsonFormat.printer().omittingInsignificantWhitespace().print(id));
            if (wine) {
                out.println("under Wine " + id.getWineVersion() + ": this checks the Windows backend's calls and"
                        + " layouts; the socket rules seen are Wine's, not Windows'");
            }
            try {
                int port = freshPort();
                check("fresh bind on " + port + " succeeds", port > 0, "no free port in " + range.getLow() + "-" + range.getHigh());
                if (port > 0) {
                    controls(port);
                }
            } finally {
                for (long h : open) {
                    api.close(h, true);
                }
            }
            check("host identity names OS family, version and architecture",
                    !id.getOsFamily().isEmpty() && !id.getOsVersion().isEmpty() && !id.getArch().isEmpty(),
                    "incomplete identity; notes: " + id.getNotesList());
            if ("windows".equals(id.getOsFamily())) {
                check("Windows identity has a build number and tcpip.sys version",
                        id.getBuild() > 0 && id.getStackFilesMap().containsKey("tcpip.sys"), "notes: " + id.getNotesList());
            }
            if (wine) {
                check("Wine identity names Wine's version and the Windows version it impersonates",
                        "wine".equals(id.getOsFamily()) && !id.getWineWindowsVersion().isEmpty() && id.getBuild() == 0,
                        "identity: " + id);
                notAvailable("Windows build, UBR and tcpip.sys/afd.sys file versions",
                        "Wine has no Windows build of its own and no driver files");
            }
            for (HostCheck c : platform.readinessChecks(range)) {
                if (c.status == HostCheck.Status.NOT_AVAILABLE) {
                    notAvailable(c.what, c.detail);
                } else {
                    check(c.what + (c.detail.isEmpty() || c.status == HostCheck.Status.FAIL ? "" : " (" + c.detail + ")"),
                            c.status == HostCheck.Status.PASS, c.detail);
                }
            }
            return failures;
        }

        private void controls(int port) throws Exception {
            long second = socket();
            OsResult again = api.bind(second, new InetSocketAddress("0.0.0.0", port));
            check("second default bind on a bound port fails with the in-use code",
                    !again.ok && "EADDRINUSE".equals(api.errorName(again.rawCode)), "got " + describe(again));
            long listener = open.get(0);
            OsResult listen = api.listen(listener, 4);
            check("listen on the fresh socket succeeds", listen.ok, describe(listen));
            List<TcpRow> rows = platform.tcpTable().rowsForPort(port);
            boolean listening = false;
            boolean own = false;
            for (TcpRow r : rows) {
                boolean row = r.getState() == TcpState.LISTEN && r.getLocal().getPort() == port;
                listening |= row;
                own |= row && r.getOwnedByAgent();
            }
            check("the TCP table shows the LISTEN row on " + port, listening, "rows: " + rows);
            if (wine) {
                notAvailable("the TCP table names this process as the row's owner",
                        "wineserver holds Wine's sockets, so GetExtendedTcpTable's dwOwningPid is 0");
            } else {
                check("the TCP table names this process as the owner of that row", own, "rows: " + rows);
            }
            if (api.supports(SockOption.EXCLUSIVEADDRUSE)) {
                exclusiveControl();
            }
        }

        /** Windows: an exclusive listener blocks an exclusive rebind of its port. */
        private void exclusiveControl() throws Exception {
            int port = freshPort();
            long first = open.get(open.size() - 1);
            api.close(first, true);
            open.remove(open.size() - 1);
            long e1 = socket();
            api.setOption(e1, SockOption.EXCLUSIVEADDRUSE, 1, 0);
            OsResult b1 = api.bind(e1, new InetSocketAddress("0.0.0.0", port));
            OsResult l1 = api.listen(e1, 4);
            long e2 = socket();
            api.setOption(e2, SockOption.EXCLUSIVEADDRUSE, 1, 0);
            OsResult b2 = api.bind(e2, new InetSocketAddress("0.0.0.0", port));
            check("an exclusive listener blocks an exclusive rebind", b1.ok && l1.ok && !b2.ok,
                    "first " + describe(b1) + "/" + describe(l1) + ", second " + describe(b2));
        }

        /** Binds a new socket on the first port of the range that is free; leaves it open. */
        private int freshPort() {
            for (int p = range.getLow(); p <= range.getHigh(); p++) {
                long h = socket();
                if (api.bind(h, new InetSocketAddress("0.0.0.0", p)).ok) {
                    return p;
                }
                api.close(h, true);
                open.remove(open.size() - 1);
            }
            return -1;
        }

        private long socket() {
            OsResult s = api.open(Family.INET);
            if (!s.ok) {
                throw new IllegalStateException("socket() failed: " + describe(s));
            }
            open.add(s.value);
            return s.value;
        }

        private String describe(OsResult r) {
            return r.ok ? "OK" : r.unsupported || r.timedOut ? r.toString() : api.errorName(r.rawCode) + " (" + r.rawCode + ")";
        }

        /** Something this host cannot provide at all (Wine): printed, never a failure. */
        private void notAvailable(String what, String why) {
            out.println("  n/a   " + what + ": " + (why.startsWith("not available") ? why : "not available under Wine ("
                    + why + ")"));
        }

        private void check(String what, boolean ok, String detail) {
            out.println((ok ? "  pass  " : "  FAIL  ") + what + (ok ? "" : ": " + detail));
            if (!ok) {
                failures.add(what);
            }
        }
    }
}
