// Which agents the coordinator admits and what it believes of their Hellos: names from certificates, addresses
// and port ranges checked against the inventory, and the session scope each agent is told it may reach.
package bindlab.coordinator.hub;

import bindlab.coordinator.fleet.FleetHost;
import bindlab.coordinator.fleet.Inventory;
import bindlab.coordinator.fleet.InventoryVars;
import bindlab.proto.v1.Hello;
import bindlab.proto.v1.PortRange;
import bindlab.proto.v1.ScopeHost;
import bindlab.proto.v1.SessionScope;
import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Hello steers other agents through its addresses (a peer connects to and filters toward target4/target6) and
 * its port range (ports are taken from it). So:
 * <ul>
 *   <li>an address the inventory declares (bindlab_address, bindlab_address6) must be the one the Hello gives;
 *       a mismatch is refused;</li>
 *   <li>an address the inventory does not declare is believed only if it is the address the agent's connection
 *       came from; otherwise it is dropped (never used), with a warning;</li>
 *   <li>a port range the inventory declares (bindlab_ports) must contain the Hello's; without one, the Hello's
 *       range is used (it only ever points at the agent's own, checked, address).</li>
 * </ul>
 */
public final class FleetAdmission {
    private final Inventory inventory;

    public FleetAdmission(Inventory inventory) {
        this.inventory = inventory;
    }

    public Inventory inventory() {
        return inventory;
    }

    /** The result of admitting a Hello: the Hello as the coordinator will use it, or why it is refused. */
    public record Decision(Hello hello, String refusal, List<String> warnings) {
        public boolean admitted() {
            return refusal == null;
        }
    }

    /** name: the verified name (the certificate's, or the Hello's with --insecure); remote: the connection's IP. */
    public Decision admit(String name, Hello h, String remote) {
        Optional<FleetHost> host = inventory.host(name);
        if (host.isEmpty()) {
            return refuse("'" + clip(name) + "' is not a host of the inventory " + inventory.file());
        }
        FleetHost f = host.get();
        PortRange p = h.getPorts();
        if (p.getLow() < 1024 || p.getHigh() > 65535 || p.getLow() > p.getHigh()) {
            return refuse("agent '" + name + "' sent no valid port range (" + p.getLow() + "-" + p.getHigh() + ")");
        }
        int[] declared = f.ports();
        if (declared != null && (p.getLow() < declared[0] || p.getHigh() > declared[1])) {
            return refuse("agent '" + name + "' advertises ports " + p.getLow() + "-" + p.getHigh()
                    + ", outside the inventory's " + InventoryVars.PORTS + " " + declared[0] + "-" + declared[1]);
        }
        List<String> warnings = new ArrayList<>();
        Hello.Builder b = h.toBuilder().setAgentName(name);
        String v4 = checkAddress(f, InventoryVars.ADDRESS, f.address4(), h.getAddressV4(), remote, warnings);
        String v6 = checkAddress(f, InventoryVars.ADDRESS6, f.address6(), h.getAddressV6(), remote, warnings);
        if (v4 == null || v6 == null) {
            return refuse(warnings.get(warnings.size() - 1));
        }
        return new Decision(b.setAddressV4(v4).setAddressV6(v6).build(), null, List.copyOf(warnings));
    }

    /** The address to use ("" = none), or null (and a last warning) when the Hello contradicts the inventory. */
    private static String checkAddress(FleetHost f, String var, String declared, String advertised, String remote,
            List<String> warnings) {
        if (advertised.isEmpty()) {
            return "";
        }
        InetAddress said = InetAddresses.isInetAddress(advertised) ? InetAddresses.forString(advertised) : null;
        if (said == null) {
            warnings.add("agent '" + f.name() + "' advertises '" + clip(advertised) + "', not an address literal");
            return null;
        }
        if (!declared.isEmpty()) {
            if (!said.equals(InetAddresses.forString(declared))) {
                warnings.add("agent '" + f.name() + "' advertises " + advertised + " but the inventory's " + var
                        + " is " + declared);
                return null;
            }
            return said.getHostAddress();
        }
        if (InetAddresses.isInetAddress(remote) && said.equals(InetAddresses.forString(remote))) {
            return said.getHostAddress();
        }
        warnings.add("agent '" + f.name() + "' advertises " + advertised + ", which the inventory does not declare ("
                + var + ") and its connection did not come from (" + remote + "): not used; declare it to use it");
        return "";
    }

    /**
     * What the named agent may reach this session: a target its peer, a peer every target it serves; each with
     * the inventory's addresses and range, else those of its admitted Hello (hosts known by neither are left out).
     */
    public SessionScope scopeFor(String name, Map<String, Hello> admitted) {
        SessionScope.Builder s = SessionScope.newBuilder();
        Optional<FleetHost> me = inventory.host(name);
        if (me.isEmpty()) {
            return s.build();
        }
        List<FleetHost> related = new ArrayList<>();
        if (me.get().isTarget()) {
            inventory.host(me.get().peer()).ifPresent(related::add);
        } else {
            inventory.targets().stream().filter(t -> name.equals(t.peer())).forEach(related::add);
        }
        for (FleetHost r : related) {
            Hello h = admitted.get(r.name());
            List<String> addresses = new ArrayList<>();
            addAddress(addresses, r.address4(), h == null ? "" : h.getAddressV4());
            addAddress(addresses, r.address6(), h == null ? "" : h.getAddressV6());
            int[] declared = r.ports();
            PortRange ports = declared != null ? PortRange.newBuilder().setLow(declared[0]).setHigh(declared[1]).build()
                    : h != null ? h.getPorts() : null;
            if (!addresses.isEmpty() && ports != null) {
                s.addHosts(ScopeHost.newBuilder().setName(r.name()).addAllAddresses(addresses).setPorts(ports));
            }
        }
        return s.build();
    }

    private static void addAddress(List<String> out, String declared, String admitted) {
        String a = !declared.isEmpty() ? declared : admitted;
        if (!a.isEmpty()) {
            out.add(a);
        }
    }

    private static Decision refuse(String why) {
        return new Decision(null, why, List.of());
    }

    /** Bounds what an untrusted Hello can put into logs and memory. */
    static String clip(String s) {
        String t = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return t.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
