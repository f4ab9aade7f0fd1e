// Per-cell values of a script's symbols: the cell id, the ports ($PORT, $PEERPORT) and the address refs.
package bindlab.engine.scenario;

import bindlab.proto.v1.Endpoint;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

public final class Resolver {
    /** Refs with the same literal on every host. */
    public static final Map<String, String> FIXED;
    /** Every address ref a script may use. */
    public static final Set<String> REFS;

    static {
        Map<String, String> fixed = new HashMap<String, String>();
        fixed.put("wildcard4", "0.0.0.0");
        fixed.put("wildcard6", "::");
        fixed.put("loopback4", "127.0.0.1");
        fixed.put("loopback6", "::1");
        fixed.put("mapped-wildcard4", "::ffff:0.0.0.0");
        fixed.put("mapped-loopback4", "::ffff:127.0.0.1");
        FIXED = Collections.unmodifiableMap(fixed);
        Set<String> refs = new LinkedHashSet<String>(Arrays.asList("wildcard4", "wildcard6", "loopback4", "loopback6",
                "mapped-wildcard4", "mapped-loopback4", "target4", "target6", "mapped-target4", "peer4", "peer6",
                "mapped-peer4"));
        REFS = Collections.unmodifiableSet(refs);
    }

    private final String cell;
    private final int port;
    private final int peerPort;
    private final Map<String, String> addresses;
    private final int defaultTimeoutMs;

    /** addresses maps the host refs (target4, target6, peer4, peer6) to literals; "" = the host has no such address. */
    public Resolver(String cell, int port, int peerPort, Map<String, String> addresses, int defaultTimeoutMs) {
        this.cell = cell;
        this.port = port;
        this.peerPort = peerPort;
        this.addresses = addresses;
        this.defaultTimeoutMs = defaultTimeoutMs;
    }

    public String cell() {
        return cell;
    }

    public int port() {
        return port;
    }

    public int defaultTimeoutMs() {
        return defaultTimeoutMs;
    }

    /** The literal for an address ref (or a literal as written); throws Missing when the hosts lack it. */
    public String address(String ref) {
        String fixed = FIXED.get(ref);
        if (fixed != null) {
            return fixed;
        }
        if (!REFS.contains(ref)) {
            return ref; // a numeric literal, checked by the parser
        }
        boolean mapped = ref.startsWith("mapped-");
        String literal = addresses.get(mapped ? ref.substring("mapped-".length()) : ref);
        if (literal == null || literal.isEmpty()) {
            throw new Missing(ref);
        }
        return mapped ? "::ffff:" + literal : literal;
    }

    public Endpoint endpoint(String addressRef, String portRef) {
        return Endpoint.newBuilder().setAddress(address(addressRef)).setPort(port(portRef)).build();
    }

    public int port(String ref) {
        if (ref.equals("$PORT")) {
            return port;
        }
        if (ref.equals("$PEERPORT")) {
            return peerPort;
        }
        throw new IllegalArgumentException("port ref '" + ref + "' was not checked by the parser");
    }

    /** A script names an address these hosts do not have: the cell is NOT_APPLICABLE. */
    public static final class Missing extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Missing(String ref) {
            super(ref);
        }

        public String ref() {
            return getMessage();
        }
    }
}
