// libnftables is open only while the agent's table exists, so an idle agent maps none of it (1.5 MB with the
// libraries it brings). The probe runs in a fresh JVM in a network namespace of its own (unshare, root mapped in
// a user namespace), so the table it makes vanishes with it and nothing touches this host's rules.
package bindlab.agent.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.agent.ChildJvm;
import bindlab.proto.v1.FilterDirection;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NftPacketFilterTest {

    @Test
    void theLibraryIsOpenOnlyWhileTheTableExists() throws Exception {
        String text = ChildJvm.runUnder(Arrays.asList("unshare", "--net", "--map-root-user"), Probe.class);
        assertThat(text)
                .contains("backend: nftables table inet bindlab_test (libnftables)")
                .contains("after create: not mapped")
                .contains("after add: mapped; table holds 198.18.0.2 . 40001: true")
                .contains("after removeAll: not mapped; table exists: false")
                .contains("after a second add: mapped; table holds 198.18.0.3 . 40002: true")
                .contains("after the second removeAll: not mapped; table exists: false");
    }

    @Test
    void withoutRootThereIsNoFilterAndTheEndOfAStreamStillReleasesCleanly() throws Exception {
        NftPacketFilter f = NftPacketFilter.create("bindlab_test", false);
        assertThat(f.available()).isFalse();
        assertThat(f.describe()).isEqualTo("needs root (CAP_NET_ADMIN) for nftables");
        f.removeAll(); // what every stream's end does
    }

    public static final class Probe {
        public static void main(String[] args) throws Exception {
            NftPacketFilter f = NftPacketFilter.create("bindlab_test", true);
            System.out.println("backend: " + f.describe());
            System.out.println("after create: " + mapped());
            f.add("a", FilterDirection.DROP_INBOUND_FROM, new InetSocketAddress("198.18.0.2", 40001));
            System.out.println("after add: " + mapped() + "; table holds 198.18.0.2 . 40001: "
                    + table().contains("198.18.0.2 . 40001"));
            f.removeAll();
            System.out.println("after removeAll: " + mapped() + "; table exists: " + table().contains("bindlab_test"));
            f.add("b", FilterDirection.DROP_OUTBOUND_TO, new InetSocketAddress("198.18.0.3", 40002));
            System.out.println("after a second add: " + mapped() + "; table holds 198.18.0.3 . 40002: "
                    + table().contains("198.18.0.3 . 40002"));
            f.removeAll();
            System.out.println("after the second removeAll: " + mapped() + "; table exists: "
                    + table().contains("bindlab_test"));
        }

        static String mapped() throws Exception {
            return new String(Files.readAllBytes(Paths.get("/proc/self/maps")), StandardCharsets.UTF_8)
                    .contains("libnftables") ? "mapped" : "not mapped";
        }

        /** What the nft command sees in this namespace: the rules are really in the kernel. */
        static String table() throws Exception {
            Process p = new ProcessBuilder("nft", "list", "ruleset").redirectErrorStream(true).start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = p.getInputStream()) {
                byte[] buf = new byte[8192];
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                }
            }
            p.waitFor();
            return new String(out.toByteArray(), StandardCharsets.UTF_8);
        }
    }
}
