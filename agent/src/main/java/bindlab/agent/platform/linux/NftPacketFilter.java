// PacketFilter on Linux: one nftables table owned by this agent, with a set per direction and family that holds the
// dropped (address . port) pairs; a rule is one set element, so turning it on or off is one small transaction. The
// commands run in-process through libnftables; without the library, through the nft command (a process per
// change, about 150 ms); without either, the filter is unavailable and says why. The table stays while the agent's
// stream is up (empty sets drop nothing) and is deleted whole when the stream ends (removeAll); libnftables is
// open only while the table exists, so an idle agent holds none of it.
package bindlab.agent.platform.linux;

import bindlab.agent.jna.linux.LibNftables;
import bindlab.agent.platform.PacketFilter;
import bindlab.proto.v1.FilterDirection;
import com.sun.jna.Pointer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

public final class NftPacketFilter implements PacketFilter {
    private final String table;
    private final Runner runner;
    private final String why;
    /** key -> "set element" of each live rule; the count of keys per element (two rules may drop the same pair). */
    private final Map<String, String> rules = new LinkedHashMap<String, String>();
    private final Map<String, Integer> uses = new HashMap<String, Integer>();
    private boolean tableExists;

    private NftPacketFilter(String table, Runner runner, String why) {
        this.table = table;
        this.runner = runner;
        this.why = why;
    }

    /** The best backend this host has: libnftables, else the nft command, else none (with the reasons). */
    public static NftPacketFilter create(String table, boolean privileged) {
        if (!privileged) {
            return new NftPacketFilter(table, null, "needs root (CAP_NET_ADMIN) for nftables");
        }
        String libProblem;
        try {
            Library lib = new Library();
            try {
                lib.run("list tables");
            } finally {
                lib.release();
            }
            return new NftPacketFilter(table, lib, "");
        } catch (IOException | UnsatisfiedLinkError | RuntimeException e) {
            libProblem = "libnftables: " + e.getMessage();
        }
        try {
            Runner cmd = new Command();
            cmd.run("list tables");
            return new NftPacketFilter(table, cmd, "");
        } catch (IOException e) {
            return new NftPacketFilter(table, null, "nftables unusable: " + libProblem + "; nft command: " + e.getMessage());
        }
    }

    @Override
    public boolean available() {
        return why.isEmpty();
    }

    @Override
    public String describe() {
        return available() ? "nftables table inet " + table + " (" + runner.name() + ")" : why;
    }

    @Override
    public synchronized void add(String key, FilterDirection direction, InetSocketAddress remote) throws IOException {
        if (!available()) {
            throw new IOException("no packet filter: " + why);
        }
        if (rules.containsKey(key)) {
            throw new IOException("filter rule '" + key + "' already exists");
        }
        String element = element(direction, remote);
        Integer n = uses.get(element);
        if (n == null) {
            runner.run((tableExists ? "" : tableText(table)) + "add element inet " + table + " " + element + "\n");
            tableExists = true;
        }
        uses.put(element, n == null ? 1 : n + 1);
        rules.put(key, element);
    }

    /** "in4 { 198.18.0.2 . 40001 }": the set for the direction and family, and the pair; nothing here is free text. */
    static String element(FilterDirection direction, InetSocketAddress remote) {
        boolean in = direction == FilterDirection.DROP_INBOUND_FROM;
        boolean v6 = remote.getAddress().getAddress().length == 16;
        return (in ? "in" : "out") + (v6 ? "6" : "4") + " { " + remote.getAddress().getHostAddress() + " . "
                + remote.getPort() + " }";
    }

    /**
     * The table, its two chains, the four sets and the four rules that drop what the sets hold: one transaction.
     * A stale table of the same name (a killed agent whose pid came round again) is replaced, not added to.
     */
    static String tableText(String table) {
        StringBuilder s = new StringBuilder("add table inet ").append(table).append("\ndelete table inet ")
                .append(table).append("\nadd table inet ").append(table).append('\n');
        for (String chain : new String[] {"input", "output"}) {
            s.append("add chain inet ").append(table).append(' ').append(chain).append(" { type filter hook ")
                    .append(chain).append(" priority -10 ; policy accept ; }\n");
        }
        for (String set : new String[] {"in4", "in6", "out4", "out6"}) {
            boolean v6 = set.endsWith("6");
            boolean in = set.startsWith("in");
            s.append("add set inet ").append(table).append(' ').append(set).append(" { type ")
                    .append(v6 ? "ipv6_addr" : "ipv4_addr").append(" . inet_service ; }\n");
            s.append("add rule inet ").append(table).append(' ').append(in ? "input " : "output ")
                    .append(v6 ? "ip6 " : "ip ").append(in ? "saddr" : "daddr").append(" . tcp ")
                    .append(in ? "sport" : "dport").append(" @").append(set).append(" drop\n");
        }
        return s.toString();
    }

    @Override
    public synchronized void remove(String key) throws IOException {
        String element = rules.remove(key);
        if (element != null) {
            int n = uses.get(element) - 1;
            if (n > 0) {
                uses.put(element, n);
            } else {
                uses.remove(element);
                runner.run("delete element inet " + table + " " + element + "\n");
            }
        }
    }

    @Override
    public synchronized void removeAll() throws IOException {
        rules.clear();
        uses.clear();
        try {
            if (tableExists) {
                tableExists = false;
                runner.run("delete table inet " + table + "\n");
            }
        } finally {
            if (runner != null) { // null: no filter here
                runner.release(); // also after a first rule that failed to make the table
            }
        }
    }

    /** How nft command text (nft -f syntax) reaches the kernel. */
    interface Runner {
        void run(String commands) throws IOException;

        /** Lets go of what running commands holds until the next run. */
        void release();

        String name();
    }

    /**
     * In-process: a libnftables context, its output and errors kept in buffers. The library is opened by the first
     * command and closed by release(): libnftables and the libraries it brings (libnftnl, libgmp, libxtables, ...)
     * are 1.5 MB of an idle agent's memory, and a table lives only while a coordinator's stream is up.
     */
    static final class Library implements Runner {
        private LibNftables nft; // null while released
        private Pointer ctx;

        @Override
        public synchronized void run(String commands) throws IOException {
            open();
            if (nft.nft_run_cmd_from_buffer(ctx, commands) != 0) {
                String err = nft.nft_ctx_get_error_buffer(ctx);
                throw new IOException("nft '" + commands.trim().replace('\n', ';') + "' failed: "
                        + (err == null ? "" : err.trim()));
            }
        }

        private void open() throws IOException {
            if (nft != null) {
                return;
            }
            LibNftables lib = LibNftables.load();
            Pointer c = lib.nft_ctx_new(LibNftables.NFT_CTX_DEFAULT);
            if (c == null) {
                LibNftables.close(lib);
                throw new IOException("nft_ctx_new failed");
            }
            lib.nft_ctx_buffer_output(c);
            lib.nft_ctx_buffer_error(c);
            nft = lib;
            ctx = c;
        }

        @Override
        public synchronized void release() {
            if (nft != null) {
                nft.nft_ctx_free(ctx);
                LibNftables.close(nft);
                nft = null;
                ctx = null;
            }
        }

        @Override
        public String name() {
            return "libnftables";
        }
    }

    /** A process per change: what works where libnftables cannot be loaded. */
    static final class Command implements Runner {
        @Override
        public void release() {
            // a process per command holds nothing between them
        }

        @Override
        public void run(String commands) throws IOException {
            Process p = new ProcessBuilder("nft", "-f", "-").redirectErrorStream(true).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(commands.getBytes(StandardCharsets.UTF_8));
            }
            String out = readAll(p.getInputStream());
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException("nft timed out running: " + commands.trim());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted running nft", e);
            }
            if (p.exitValue() != 0) {
                throw new IOException("nft exited " + p.exitValue() + " on '" + commands.trim().replace('\n', ';')
                        + "': " + out.trim());
            }
        }

        @Override
        public String name() {
            return "nft command, one process per change";
        }

        private static String readAll(InputStream in) throws IOException {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            byte[] b = new byte[4096];
            for (int n; (n = in.read(b)) > 0; ) {
                buf.write(b, 0, n);
            }
            return new String(buf.toByteArray(), StandardCharsets.UTF_8);
        }
    }
}
