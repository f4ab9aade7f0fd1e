// The builds an inventory's hosts run (host var bindlab_build, optional bindlab_ubr), read from the same Ansible
// inventory file campaigns use, so bisect can tell which untested releases the fleet already has.
package bindlab.coordinator.answers;

import bindlab.coordinator.fleet.FleetHost;
import bindlab.coordinator.fleet.InventoryException;
import bindlab.coordinator.fleet.InventoryParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Hosts without bindlab_build (Linux, say) are kept with build 0. */
public final class Inventory {
    public static final String BUILD_VAR = "bindlab_build";
    public static final String UBR_VAR = "bindlab_ubr";

    /** ubr: -1 when not given. */
    public record Host(String name, int build, int ubr) {
    }

    private Inventory() {
    }

    public static Map<String, Host> read(Path path) throws IOException {
        return builds(InventoryParser.read(path));
    }

    public static Map<String, Host> parse(String name, String text) {
        return builds(InventoryParser.parse(name, text));
    }

    private static Map<String, Host> builds(bindlab.coordinator.fleet.Inventory inv) {
        Map<String, Host> out = new LinkedHashMap<>();
        for (FleetHost h : inv.hosts()) {
            out.put(h.name(), new Host(h.name(), number(inv, h, BUILD_VAR, 0), number(inv, h, UBR_VAR, -1)));
        }
        return out;
    }

    /** A whole number, or a dotted version whose last part is taken ("6.1.7601" -> 7601). */
    private static int number(bindlab.coordinator.fleet.Inventory inv, FleetHost h, String var, int absent) {
        String v = h.vars().get(var);
        if (v == null || v.isEmpty()) {
            return absent;
        }
        String last = v.substring(v.lastIndexOf('.') + 1).strip();
        if (last.matches("[0-9]{1,9}")) {
            return Integer.parseInt(last);
        }
        throw new InventoryException(inv.file(), h.varLines().getOrDefault(var, h.line()), var,
                "host '" + h.name() + "': must be a number (e.g. 19045), got '" + v + "'");
    }
}
