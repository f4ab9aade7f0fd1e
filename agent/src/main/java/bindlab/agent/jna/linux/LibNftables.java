// JNA binding to libnftables (Debian's libnftables1, installed with nftables): one context runs nft command text
// in-process, over netlink, with no nft process per rule.
package bindlab.agent.jna.linux;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

public interface LibNftables extends Library {
    int NFT_CTX_DEFAULT = 0;

    /**
     * The library, loaded on first use. Distributions ship only the versioned file (libnftables.so.1) without the
     * -dev package, so that name is tried first; the plain one is found only through JNA's search of the library
     * directories for a versioned file. UnsatisfiedLinkError when neither loads.
     */
    static LibNftables load() {
        try {
            return LinuxLibraries.load("libnftables.so.1", LibNftables.class);
        } catch (UnsatisfiedLinkError e) {
            return LinuxLibraries.load("nftables", LibNftables.class);
        }
    }

    /** Closes what load() opened: dlclose, so the library and those it brought go if nothing else holds them. */
    static void close(LibNftables lib) {
        LinuxLibraries.close(lib);
    }

    Pointer nft_ctx_new(int flags);

    void nft_ctx_free(Pointer ctx);

    /** Collect what a command prints (and its errors) in buffers instead of writing to stdout/stderr. */
    int nft_ctx_buffer_output(Pointer ctx);

    int nft_ctx_buffer_error(Pointer ctx);

    String nft_ctx_get_output_buffer(Pointer ctx);

    String nft_ctx_get_error_buffer(Pointer ctx);

    /** Runs the commands (nft -f syntax) as one transaction; 0 on success. */
    int nft_run_cmd_from_buffer(Pointer ctx, String buffer);
}
