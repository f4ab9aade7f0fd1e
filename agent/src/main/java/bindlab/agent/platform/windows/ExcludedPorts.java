// This host's excluded TCP port ranges (netsh), read once and re-read when a bind meets WSAEACCES: ports where any
// bind fails with 10013 whatever its options, so the agent never binds there nor counts such a code as a result.
package bindlab.agent.platform.windows;

import bindlab.agent.platform.windows.ExcludedPortRanges.Range;
import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Services such as Hyper-V reserve ranges at boot and later, so a range can appear while the agent runs: a
 * WSAEACCES on bind triggers a re-read (at most once per {@link #REFRESH_MIN_MS}) before the code is believed.
 */
public final class ExcludedPorts {
    static final long REFRESH_MIN_MS = 5000;
    private static final long NETSH_TIMEOUT_S = 15;

    /** Where the ranges come from: netsh on Windows, canned text in tests. */
    interface Source {
        List<Range> read() throws Exception;
    }

    private final Source source;
    private final long refreshMinMs;
    private final String unavailable;
    private List<Range> ranges;
    private String problem;
    private long readAtMs;

    /** refreshMinMs: a WSAEACCES re-reads the ranges only if the last read is at least this old. */
    ExcludedPorts(Source source, long refreshMinMs) {
        this.source = source;
        this.refreshMinMs = refreshMinMs;
        this.unavailable = null;
    }

    private ExcludedPorts(String unavailable) {
        this.source = null;
        this.refreshMinMs = 0;
        this.unavailable = unavailable;
        this.ranges = Collections.emptyList();
    }

    /** The real host: `netsh int ipv4|ipv6 show excludedportrange protocol=tcp`, merged. */
    static ExcludedPorts fromNetsh() {
        return new ExcludedPorts(() -> ExcludedPortRanges.union(ExcludedPortRanges.parse(netsh("ipv4")),
                ExcludedPortRanges.parse(netsh("ipv6"))), REFRESH_MIN_MS);
    }

    /** A host where the ranges cannot be had at all (Wine's netsh is a stub): never read, and said so. */
    static ExcludedPorts notAvailable(String why) {
        return new ExcludedPorts(why);
    }

    /** Why the ranges cannot exist on this host (Wine), or null on Windows. */
    public String notAvailable() {
        return unavailable;
    }

    /** The ranges, read on first use; empty when unknown (see problem()). */
    public synchronized List<Range> ranges() {
        if (ranges == null) {
            read();
        }
        return ranges;
    }

    /** Why the last read failed, or null when the ranges are known (or cannot exist here). */
    public synchronized String problem() {
        ranges();
        return problem;
    }

    /** The range holding port, or null. */
    public synchronized Range containing(int port) {
        return find(ranges(), port);
    }

    /** Like containing(), but re-reads first unless the last read is recent: for a WSAEACCES just seen. */
    public synchronized Range containingAfterRefresh(int port) {
        if (source != null && System.currentTimeMillis() - readAtMs >= refreshMinMs) {
            read();
        }
        return containing(port);
    }

    /** The ranges that overlap [low, high]. */
    public static List<Range> overlapping(List<Range> ranges, int low, int high) {
        List<Range> out = new ArrayList<Range>();
        for (Range r : ranges) {
            if (r.start <= high && r.end >= low) {
                out.add(r);
            }
        }
        return out;
    }

    private static Range find(List<Range> ranges, int port) {
        for (Range r : ranges) {
            if (port >= r.start && port <= r.end) {
                return r;
            }
        }
        return null;
    }

    private void read() {
        readAtMs = System.currentTimeMillis();
        if (source == null) {
            return;
        }
        try {
            ranges = Collections.unmodifiableList(new ArrayList<Range>(source.read()));
            problem = null;
        } catch (Exception | LinkageError e) {
            if (ranges == null) {
                ranges = Collections.emptyList();
            }
            problem = "excluded port ranges could not be read: " + e.getMessage();
        }
    }

    /**
     * Output goes to a temp file rather than a pipe, so a netsh that hangs cannot block a reader thread; digits
     * and dashes are ASCII in every console code page, so the platform charset is good enough.
     */
    static String netsh(String family) throws IOException, InterruptedException {
        return Netsh.run(NETSH_TIMEOUT_S, "int", family, "show", "excludedportrange", "protocol=tcp").requireZero();
    }

    /** Runs netsh.exe from System32 with a bounded wait; output and exit code are returned, never streamed. */
    static final class Netsh {
        final int exit;
        final String output;
        final String command;

        private Netsh(int exit, String output, String command) {
            this.exit = exit;
            this.output = output;
            this.command = command;
        }

        static Netsh run(long timeoutS, String... args) throws IOException, InterruptedException {
            String root = System.getenv("SystemRoot");
            List<String> cmd = new ArrayList<String>();
            cmd.add(root != null ? root + "\\System32\\netsh.exe" : "netsh");
            Collections.addAll(cmd, args);
            String text = "netsh " + String.join(" ", args);
            File out = File.createTempFile("bindlab-netsh-", ".txt");
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out).start();
                if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException(text + " did not finish within " + timeoutS + " s");
                }
                return new Netsh(p.exitValue(), new String(Files.readAllBytes(out.toPath()), Charset.defaultCharset()),
                        text);
            } finally {
                if (!out.delete()) {
                    out.deleteOnExit();
                }
            }
        }

        String requireZero() throws IOException {
            if (exit != 0) {
                throw new IOException(command + " exited " + exit + ": " + output.trim());
            }
            return output;
        }
    }
}
