// One host of a local lab: its agent name, role, addresses, port sandbox and (with root) network namespace.
package bindlab.coordinator.lab;

/** netns is null for a loopback lab, where every agent shares the machine's own stack. */
public record LabHost(String name, String role, String address4, String address6, String netns, int portLow, int portHigh) {

    public String ports() {
        return portLow + "-" + portHigh;
    }
}
