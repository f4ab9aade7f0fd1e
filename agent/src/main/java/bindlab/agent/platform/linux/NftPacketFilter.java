// PacketFilter on Linux: drop rules in one nftables table owned by this agent, deleted whole on cleanup.
package bindlab.agent.platform.linux;

import bindlab.agent.platform.PacketFilter;
import bindlab.proto.v1.FilterDirection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class NftPacketFilter implements PacketFilter {
    private static final Pattern HANDLE = Pattern.compile("# handle (\\d+)");
    private final String table;
    private final String why;
    /** key -> "chain handle" of each live rule. */
    private final Map<String, String[]> rules = new LinkedHashMap<String, String[]>();
    private boolean tableExists;

    public NftPacketFilter(String table, boolean privileged) {
        this.table = table;
        this.why = !privileged ? "needs root (CAP_NET_ADMIN) for nftables" : probe();
    }

    @Override
    public boolean available() {
        return why.isEmpty();
    }

    @Override
    public String describe() {
        return available() ? "nftables table inet " + table : why;
    }

    @Override
    public synchronized void add(String key, FilterDirection direction, InetSocketAddress remote) throws IOException {
        if (!available()) {
            throw new IOException("no packet filter: " + why);
        }
        if (rules.containsKey(key)) {
            throw new IOException("filter rule '" + key + "' already exists");
        }
        ensureTable();
        rules.put(key, addRule(ruleWords(direction, remote)));
    }

    /** The nft words of one typed rule; addresses were parsed as InetAddress, so nothing here is free text. */
    static List<String> ruleWords(FilterDirection direction, InetSocketAddress remote) {
        boolean in = direction == FilterDirection.DROP_INBOUND_FROM;
        String ipFamily = remote.getAddress().getAddress().length == 16 ? "ip6" : "ip";
        return Arrays.asList(in ? "input" : "output",
                ipFamily, in ? "saddr" : "daddr", remote.getAddress().getHostAddress(),
                "tcp", in ? "sport" : "dport", Integer.toString(remote.getPort()), "drop");
    }

    @Override
    public synchronized void remove(String key) throws IOException {
        String[] rule = rules.remove(key);
        if (rule != null) {
            nft("delete", "rule", "inet", table, rule[0], "handle", rule[1]);
        }
        if (rules.isEmpty()) {
            removeAll();
        }
    }

    @Override
    public synchronized void removeAll() throws IOException {
        rules.clear();
        if (tableExists) {
            nft("delete", "table", "inet", table);
            tableExists = false;
        }
    }

    private void ensureTable() throws IOException {
        if (tableExists) {
            return;
        }
        nft("add", "table", "inet", table);
        tableExists = true;
        nft("add", "chain", "inet", table, "input", "{ type filter hook input priority -10 ; policy accept ; }");
        nft("add", "chain", "inet", table, "output", "{ type filter hook output priority -10 ; policy accept ; }");
    }

    private String[] addRule(List<String> words) throws IOException {
        List<String> cmd = new ArrayList<String>(Arrays.asList("-e", "-a", "add", "rule", "inet", table));
        cmd.addAll(words);
        String out = nft(cmd.toArray(new String[0]));
        Matcher m = HANDLE.matcher(out);
        if (!m.find()) {
            throw new IOException("nft did not echo a rule handle: " + out.trim());
        }
        return new String[] {words.get(0), m.group(1)};
    }

    private static String probe() {
        try {
            nft("list", "tables");
            return "";
        } catch (IOException e) {
            return "nftables unusable: " + e.getMessage();
        }
    }

    private static String nft(String... args) throws IOException {
        List<String> cmd = new ArrayList<String>();
        cmd.add("nft");
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = readAll(p.getInputStream());
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("nft timed out: " + cmd);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + cmd, e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(cmd + " exited " + p.exitValue() + ": " + out.trim());
        }
        return out;
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
