// Picks the platform backend for the running OS. Classes are named, not referenced, so the Windows backend is
// never loaded on Linux and the Linux backend never on Windows.
package bindlab.agent.platform;

import java.util.Locale;

public final class Platforms {

    static final String LINUX = "bindlab.agent.platform.linux.LinuxPlatform";
    static final String WINDOWS = "bindlab.agent.platform.windows.WindowsPlatform";

    private Platforms() {
    }

    /** The backend class for an os.name value, or an exception naming the OS if there is none. */
    public static String backendFor(String osName) {
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            return LINUX;
        }
        if (os.startsWith("windows")) {
            return WINDOWS;
        }
        throw new UnsupportedOperationException("bindlab-agent supports Linux and Windows; this OS is '" + osName + "'");
    }

    public static Platform current() {
        return load(backendFor(System.getProperty("os.name")));
    }

    static Platform load(String className) {
        try {
            return (Platform) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot start platform backend " + className + ": " + e, e);
        }
    }
}
