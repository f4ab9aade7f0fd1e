// A namespace lab's own invariants, read from its inventory (bindlab_netns, bindlab_link, bindlab_address,
// bindlab_address6): each host's link is up and holds its addresses. A fault (a link taken down deletes its IPv6
// address) breaks them; the campaign calls restore() when a health check fails, before any further cell counts.
package bindlab.coordinator.lab;

import bindlab.coordinator.fleet.FleetHost;
import bindlab.coordinator.fleet.Inventory;
import bindlab.coordinator.fleet.InventoryVars;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class LabRepair {
    private static final Logger LOG = LoggerFactory.getLogger(LabRepair.class);

    private final List<FleetHost> hosts;

    private LabRepair(List<FleetHost> hosts) {
        this.hosts = hosts;
    }

    /** The repair for the inventory's lab hosts, or null when it names none (a real fleet repairs nothing). */
    public static LabRepair of(Inventory inv) {
        List<FleetHost> lab = inv.hosts().stream().filter(h -> !h.vars().getOrDefault(InventoryVars.NETNS, "").isEmpty()
                && !h.vars().getOrDefault(InventoryVars.LINK, "").isEmpty()).toList();
        return lab.isEmpty() ? null : new LabRepair(lab);
    }

    /** Puts back what a fault took away on these hosts; returns what it did (empty when nothing was wrong). */
    public synchronized List<String> restore(List<String> names) {
        List<String> done = new ArrayList<>();
        for (FleetHost h : hosts) {
            if (!names.contains(h.name())) {
                continue;
            }
            String ns = h.vars().get(InventoryVars.NETNS);
            String link = h.vars().get(InventoryVars.LINK);
            try {
                String state = Sh.run("ip", "-n", ns, "-o", "link", "show", "dev", link);
                if (!state.contains(",UP") && !state.contains("<UP")) {
                    Sh.run("ip", "-n", ns, "link", "set", link, "up");
                    done.add(h.name() + ": set " + link + " up");
                }
                done.addAll(address(h, ns, link, "-4", h.vars().get(InventoryVars.ADDRESS), Lab.PREFIX4));
                done.addAll(address(h, ns, link, "-6", h.vars().get(InventoryVars.ADDRESS6), Lab.PREFIX6));
            } catch (IOException e) {
                done.add(h.name() + ": could not check or repair " + ns + "/" + link + ": " + e.getMessage());
            }
        }
        done.forEach(d -> LOG.warn("lab repair: {}", d));
        return done;
    }

    private static List<String> address(FleetHost h, String ns, String link, String family, String address, int prefix)
            throws IOException {
        if (address == null || address.isEmpty()) {
            return List.of();
        }
        String shown = Sh.run("ip", "-n", ns, family, "-o", "addr", "show", "dev", link);
        InetAddress want = InetAddress.getByName(address); // a literal: no name is resolved
        for (String part : shown.split("\\s+")) {
            int slash = part.indexOf('/');
            if (slash > 0 && (part.indexOf(':') >= 0 || part.indexOf('.') >= 0)
                    && InetAddress.getByName(part.substring(0, slash)).equals(want)) {
                return List.of();
            }
        }
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", ns, family, "addr", "add", address + "/" + prefix, "dev", link));
        if (family.equals("-6")) {
            cmd.add("nodad");
        }
        Sh.run(cmd.toArray(new String[0]));
        return List.of(h.name() + ": re-added " + address + "/" + prefix + " on " + link);
    }
}
