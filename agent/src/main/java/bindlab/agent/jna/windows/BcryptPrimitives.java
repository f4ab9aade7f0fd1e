// Whether bcryptprimitives.dll exports ProcessPrng, the only entropy source of the BoringSSL inside netty-tcnative.
package bindlab.agent.jna.windows;

import com.sun.jna.NativeLibrary;

/**
 * BoringSSL aborts the process (status c0000409) when ProcessPrng is missing: Windows before 8, and Wine before 9.
 * Looked up, never called: a missing library or export is the answer, not an error.
 */
public final class BcryptPrimitives {
    private BcryptPrimitives() {
    }

    public static boolean hasProcessPrng() {
        try {
            return NativeLibrary.getInstance("bcryptprimitives").getFunction("ProcessPrng") != null;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }
}
