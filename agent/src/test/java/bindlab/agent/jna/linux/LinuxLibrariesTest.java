// Loading the Linux backend's libraries starts no process: JNA's "ldconfig -p" would leave Java's process reaper
// thread behind, which a fresh JVM shows by name. libc alone decides it (JNA runs ldconfig on its first load of any
// library); libnftables is loaded too where it is installed.
package bindlab.agent.jna.linux;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.agent.ChildJvm;
import org.junit.jupiter.api.Test;

class LinuxLibrariesTest {

    @Test
    void loadingLibcAndNftablesStartsNoProcess() throws Exception {
        String text = ChildJvm.run(Probe.class);
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
