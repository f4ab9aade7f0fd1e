// The fleet: every host of an Ansible YAML inventory with its bindlab role and vars, and each target's peer.
package bindlab.coordinator.fleet;

import bindlab.proto.v1.HostBinding;
import java.util.List;
import java.util.Optional;

public record Inventory(String file, List<FleetHost> hosts) {

    public List<FleetHost> targets() {
        return hosts.stream().filter(FleetHost::isTarget).toList();
    }

    public Optional<FleetHost> host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    public boolean contains(String name) {
        return host(name).isPresent();
    }

    public List<String> names() {
        return hosts.stream().map(FleetHost::name).toList();
    }

    /** Each target with its peer: what a campaign runs on. */
    public List<HostBinding> bindings() {
        return targets().stream().map(t -> HostBinding.newBuilder().setTarget(t.name()).setPeer(t.peer()).build()).toList();
    }

    /** The all-hosts var bindlab_listen (a lab writes it), or null. */
    public String listen() {
        return hosts.stream().map(h -> h.vars().get(InventoryVars.LISTEN)).filter(v -> v != null && !v.isEmpty())
                .findFirst().orElse(null);
    }
}
