// One known Windows build: its version and the client and/or server product names it shipped as.
package bindlab.winver;

public final class WindowsRelease {
    private final WindowsVersion version;
    private final String displayVersion;
    private final String client;
    private final String server;

    WindowsRelease(WindowsVersion version, String displayVersion, String client, String server) {
        if (client == null && server == null) {
            throw new IllegalArgumentException("a release needs a client or a server name: " + version);
        }
        this.version = version;
        this.displayVersion = displayVersion;
        this.client = client;
        this.server = server;
    }

    /** major.minor.build, without UBR. */
    public WindowsVersion version() {
        return version;
    }

    public int build() {
        return version.build();
    }

    /** What the registry's DisplayVersion/ReleaseId says ("22H2", "1607"); "" before Windows 10. */
    public String displayVersion() {
        return displayVersion;
    }

    /** "Windows 10 22H2"; null when the build shipped only as a server. */
    public String clientName() {
        return client;
    }

    /** "Windows Server 2022"; null when the build shipped only as a client. */
    public String serverName() {
        return server;
    }

    /** The name for the product type RtlGetVersion reports; falls back to the other name if only that exists. */
    public String name(boolean isServer) {
        if (isServer) {
            return server != null ? server : client;
        }
        return client != null ? client : server;
    }

    /** "Windows 10 1607 / Windows Server 2016", or the one name there is. */
    public String name() {
        if (client != null && server != null) {
            return client + " / " + server;
        }
        return client != null ? client : server;
    }

    @Override
    public String toString() {
        return version + " = " + name();
    }
}
