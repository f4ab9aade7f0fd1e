// The fleet: every host of an Ansible YAML inventory with its bindlab role, and each target's peer.
package bindlab.coordinator.fleet;

import java.util.List;
import java.util.Optional;

public record Inventory(String file, List<FleetHost> hosts) {

    public List<FleetHost> targets() {
        return hosts.stream().filter(FleetHost::isTarget).toList();
    }

    public List<FleetHost> peers() {
        return hosts.stream().filter(h -> !h.isTarget()).toList();
    }

    public Optional<FleetHost> host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    public boolean contains(String name) {
        return host(name).isPresent();
    }
}
