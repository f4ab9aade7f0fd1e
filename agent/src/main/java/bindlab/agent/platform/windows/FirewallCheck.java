// Whether Windows Firewall lets peers reach the agent's sandbox: it drops inbound connections to a new program by
// default, so an inbound allow rule named bindlab-agent must cover the sandbox ports; if not, the exact netsh line.
package bindlab.agent.platform.windows;

import bindlab.agent.platform.HostCheck;
import bindlab.proto.v1.PortRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * netsh's words are translated on localized Windows, but its exit codes, the dashed rule under each rule's name and
 * port numbers are not: the verdict rests on those. English "OFF", "No" and "Block" are recognised as extra
 * evidence; a localized host that needs the rule is told to add it, which is harmless when it exists.
 */
final class FirewallCheck {
    static final String WHAT = "Windows Firewall lets peers connect to the sandbox ports";
    static final String RULE = "bindlab-agent";
    private static final Pattern PORT_LIST = Pattern.compile("\\d{1,5}(-\\d{1,5})?(\\s*,\\s*\\d{1,5}(-\\d{1,5})?)*");
    private static final Pattern DASHES = Pattern.compile("^\\s*-{5,}\\s*$");

    private FirewallCheck() {
    }

    /** The rule the deploy scripts add, and selftest asks for. */
    static String addRuleCommand(PortRange sandbox) {
        return "netsh advfirewall firewall add rule name=\"" + RULE + "\" dir=in action=allow protocol=TCP localport="
                + sandbox.getLow() + "-" + sandbox.getHigh() + " profile=any enable=yes";
    }

    /**
     * stateExit/stateText: `netsh advfirewall show currentprofile state`; ruleExit/ruleText: `netsh advfirewall
     * firewall show rule name=bindlab-agent dir=in verbose` (exit 1 when no rule has that name).
     */
    static HostCheck judge(int stateExit, String stateText, int ruleExit, String ruleText, PortRange sandbox) {
        String range = sandbox.getLow() + "-" + sandbox.getHigh();
        if (stateExit == 0 && firewallOff(stateText)) {
            return HostCheck.pass(WHAT, "Windows Firewall is off for the current profile");
        }
        String fix = "as Administrator run: " + addRuleCommand(sandbox);
        if (ruleExit != 0) {
            return HostCheck.fail(WHAT, "no inbound firewall rule named '" + RULE + "': Windows Firewall drops inbound"
                    + " connections to a new program by default, so every connection cell would fail; " + fix);
        }
        List<String> seen = new ArrayList<String>();
        for (List<String[]> rule : rules(ruleText)) {
            String ports = localPorts(rule);
            seen.add(ports == null ? "(no LocalPort)" : ports);
            boolean disabled = rule.size() > 0 && rule.get(0)[1].equalsIgnoreCase("No"); // Enabled comes first
            boolean block = false;
            for (String[] kv : rule) {
                block |= kv[1].equals("Block");
            }
            if (!disabled && !block && ports != null && covers(ports, sandbox.getLow(), sandbox.getHigh())) {
                return HostCheck.pass(WHAT, "inbound rule '" + RULE + "' allows TCP " + ports);
            }
        }
        return HostCheck.fail(WHAT, "inbound rule '" + RULE + "' exists but does not allow TCP " + range
                + " (enabled, action allow; its local ports: " + String.join("; ", seen) + "); " + fix);
    }

    /** English output: "State    OFF" on the profile's state line. */
    static boolean firewallOff(String stateText) {
        for (String line : stateText.split("\\r?\\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length == 2 && words[1].equals("OFF")) {
                return true;
            }
        }
        return false;
    }

    /** Each rule block: the {key, value} lines after each dashed rule, in order. */
    static List<List<String[]>> rules(String text) {
        List<List<String[]>> rules = new ArrayList<List<String[]>>();
        List<String[]> current = null;
        for (String line : text.split("\\r?\\n")) {
            if (DASHES.matcher(line).matches()) {
                current = new ArrayList<String[]>();
                rules.add(current);
            } else if (current != null && line.contains(":")) {
                int colon = line.indexOf(':');
                current.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
            } else if (current != null && line.trim().isEmpty() && !current.isEmpty()) {
                current = null;
            }
        }
        return rules;
    }

    /**
     * The LocalPort value ("Any" counts as every port); on a localized host, where the key is translated, the first
     * port-list value (LocalPort comes before RemotePort).
     */
    static String localPorts(List<String[]> rule) {
        for (String[] kv : rule) {
            if (kv[0].equals("LocalPort")) {
                return kv[1];
            }
        }
        for (String[] kv : rule) {
            if (PORT_LIST.matcher(kv[1]).matches()) {
                return kv[1];
            }
        }
        return null;
    }

    /** Whether the list ("40000-40999,41000") holds every port of [low, high]. */
    static boolean covers(String list, int low, int high) {
        if (list.toLowerCase(Locale.ROOT).equals("any")) {
            return true;
        }
        boolean[] in = new boolean[high - low + 1];
        for (String part : list.split(",")) {
            String[] ends = part.trim().split("-");
            int a = Integer.parseInt(ends[0].trim());
            int b = ends.length > 1 ? Integer.parseInt(ends[1].trim()) : a;
            for (int p = Math.max(a, low); p <= Math.min(b, high); p++) {
                in[p - low] = true;
            }
        }
        for (boolean b : in) {
            if (!b) {
                return false;
            }
        }
        return true;
    }
}
