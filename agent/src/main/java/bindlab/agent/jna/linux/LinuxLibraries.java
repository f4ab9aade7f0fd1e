// Loads the Linux backend's native libraries through JNA without the "ldconfig -p" process JNA runs otherwise.
package bindlab.agent.jna.linux;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.lang.reflect.Proxy;
import java.util.Locale;

final class LinuxLibraries {
    /**
     * JNA's NativeLibrary, when first used on Linux, runs "/sbin/ldconfig -p" to learn the library directories
     * (whatever the name loaded), unless jna.platform.library.path is set. That is a process at every agent start
     * and a reaper thread after it. dlopen searches ld.so.cache itself; the directories here only serve JNA's
     * own search for a versioned file when a plain name is asked for.
     */
    static final String SEARCH_PATH_PROPERTY = "jna.platform.library.path";

    private LinuxLibraries() {
    }

    static <T extends Library> T load(String name, Class<T> type) {
        if (System.getProperty(SEARCH_PATH_PROPERTY) == null) {
            System.setProperty(SEARCH_PATH_PROPERTY, defaultSearchPath(System.getProperty("os.arch")));
        }
        return Native.load(name, type);
    }

    static void close(Library lib) {
        ((Library.Handler) Proxy.getInvocationHandler(lib)).getNativeLibrary().close();
    }

    /** The Debian-style multiarch directories for this architecture, then the classic ones. */
    static String defaultSearchPath(String osArch) {
        String arch = osArch == null ? "" : osArch.toLowerCase(Locale.ROOT);
        String triplet;
        switch (arch) {
            case "amd64":
            case "x86_64":
                triplet = "x86_64-linux-gnu";
                break;
            case "aarch64":
                triplet = "aarch64-linux-gnu";
                break;
            case "arm":
                triplet = "arm-linux-gnueabihf";
                break;
            case "ppc64le":
                triplet = "powerpc64le-linux-gnu";
                break;
            case "x86":
            case "i386":
            case "i686":
                triplet = "i386-linux-gnu";
                break;
            default:
                triplet = arch + "-linux-gnu";
        }
        return "/usr/lib/" + triplet + ":/lib/" + triplet + ":/usr/lib64:/lib64:/usr/lib:/lib:/usr/local/lib";
    }
}
