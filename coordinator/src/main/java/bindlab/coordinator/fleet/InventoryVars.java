// The inventory variables bindlab reads, named once: what each host var means is documented here and in the README.
package bindlab.coordinator.fleet;

public final class InventoryVars {
    /** target | peer. */
    public static final String ROLE = "bindlab_role";
    /** A target's peer host (may be left out when the inventory has one peer). */
    public static final String PEER = "bindlab_peer";
    /** Where the coordinator listens, ADDR:PORT (an all-hosts var). */
    public static final String LISTEN = "bindlab_listen";
    /** The IPv4 address the host's agent announces (checked against its Hello). */
    public static final String ADDRESS = "bindlab_address";
    /** The IPv6 address the host's agent announces. */
    public static final String ADDRESS6 = "bindlab_address6";
    /** The host's sandbox port range, LO-HI. */
    public static final String PORTS = "bindlab_ports";
    /** A command (a YAML list: program and arguments, no shell) that reverts the host's VM before a campaign. */
    public static final String REVERT = "bindlab_revert";
    /** Seconds a revert may take (default 600). */
    public static final String REVERT_TIMEOUT = "bindlab_revert_timeout";
    /** The fleet's PKI directory ('bindlab pki'), relative to the inventory file (an all-hosts var). */
    public static final String PKI = "bindlab_pki";
    /** A lab host's network namespace, and its link (veth end) there. */
    public static final String NETNS = "bindlab_netns";
    public static final String LINK = "bindlab_link";
    /** The Windows build a host runs (bisect), and its UBR. */
    public static final String BUILD = "bindlab_build";
    public static final String UBR = "bindlab_ubr";

    private InventoryVars() {
    }
}
