// Loading the Linux backend's libraries starts no process: JNA's "ldconfig -p" would leave Java's process reaper
// thread behind, which a fresh JVM shows by name. libc alone decides it (JNA runs ldconfig on its first load of any
// library); libnftables is loaded too where it is installed.
package bindlab.agent.jna.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LinuxLibrariesTest {

    @Test
    void loadingLibcAndNftablesStartsNoProcess() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Probe.class.getName())
                .redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            byte[] buf = new byte[4096];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
            }
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(out.toByteArray(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        assertThat(text).contains("euid ").contains("nftables: ").doesNotContain("process reaper");
    }

    @Test
    void searchPathNamesTheMultiarchDirectoriesFirst() {
        assertThat(LinuxLibraries.defaultSearchPath("amd64"))
                .startsWith("/usr/lib/x86_64-linux-gnu:/lib/x86_64-linux-gnu:").contains(":/usr/lib:/lib");
        assertThat(LinuxLibraries.defaultSearchPath("aarch64")).startsWith("/usr/lib/aarch64-linux-gnu:");
        assertThat(LinuxLibraries.defaultSearchPath("i386")).startsWith("/usr/lib/i386-linux-gnu:");
    }

    /** Runs in a fresh JVM: loads both libraries, calls into each, prints every thread's name. */
    public static final class Probe {
        public static void main(String[] args) {
            System.out.println("euid " + LinuxLibc.INSTANCE.geteuid());
            try {
                LibNftables nft = LibNftables.load();
                nft.nft_ctx_free(nft.nft_ctx_new(LibNftables.NFT_CTX_DEFAULT));
                System.out.println("nftables: loaded");
            } catch (UnsatisfiedLinkError e) {
                System.out.println("nftables: not installed here");
            }
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                System.out.println("thread " + t.getName());
            }
        }
    }
}
