// What the coordinator believes of a Hello: declared addresses must match, undeclared ones only if the connection came
// from them, port ranges inside the declared ones; and which hosts each agent is told it may reach.
package bindlab.coordinator.hub;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.coordinator.fleet.InventoryParser;
import bindlab.proto.v1.Hello;
import bindlab.proto.v1.PortRange;
import bindlab.proto.v1.ScopeHost;
import bindlab.proto.v1.SessionScope;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetAdmissionTest {
    private final FleetAdmission fleet = new FleetAdmission(InventoryParser.parse("fleet.yml", """
            all:
              hosts:
                win10: {bindlab_role: target, bindlab_peer: peer-1, bindlab_address: 192.0.2.21, bindlab_ports: 40000-40999}
                win11: {bindlab_role: target, bindlab_peer: peer-1, bindlab_ports: 41000-41999}
                debian: {bindlab_role: target, bindlab_peer: peer-2}
                peer-1: {bindlab_role: peer, bindlab_address: 192.0.2.41, bindlab_address6: "2001:db8::41", bindlab_ports: 42000-42999}
                peer-2: {bindlab_role: peer}
            """));

    private static Hello hello(String name, String v4, String v6, int low, int high) {
        return Hello.newBuilder().setAgentName(name).setAddressV4(v4).setAddressV6(v6)
                .setPorts(PortRange.newBuilder().setLow(low).setHigh(high)).build();
    }

    @Test
    void declaredAddressesMustMatchAndRangesStayInside() {
        assertThat(fleet.admit("win10", hello("win10", "192.0.2.21", "", 40000, 40999), "192.0.2.99").admitted()).isTrue();
        assertThat(fleet.admit("win10", hello("win10", "192.0.2.22", "", 40000, 40999), "192.0.2.22").refusal())
                .isEqualTo("agent 'win10' advertises 192.0.2.22 but the inventory's bindlab_address is 192.0.2.21");
        assertThat(fleet.admit("win10", hello("win10", "192.0.2.21", "", 40000, 41999), "").refusal())
                .contains("outside the inventory's bindlab_ports 40000-40999");
        assertThat(fleet.admit("win10", hello("win10", "192.0.2.21", "", 80, 90), "").refusal())
                .contains("sent no valid port range (80-90)");
        assertThat(fleet.admit("ghost", hello("ghost", "", "", 40000, 40999), "").refusal())
                .isEqualTo("'ghost' is not a host of the inventory fleet.yml");
    }

    @Test
    void undeclaredAddressesAreBelievedOnlyFromTheConnectionItself() {
        FleetAdmission.Decision same = fleet.admit("win11", hello("win11", "192.0.2.23", "", 41000, 41999), "192.0.2.23");
        assertThat(same.hello().getAddressV4()).isEqualTo("192.0.2.23");
        FleetAdmission.Decision other = fleet.admit("win11", hello("win11", "198.18.0.250", "2001:db8::99", 41000, 41999),
                "192.0.2.23");
        assertThat(other.admitted()).isTrue();
        assertThat(other.hello().getAddressV4()).isEmpty(); // dropped: it would steer the peer elsewhere
        assertThat(other.hello().getAddressV6()).isEmpty();
        assertThat(other.warnings()).anyMatch(w -> w.contains("advertises 198.18.0.250, which the inventory does not declare"));
        assertThat(fleet.admit("win11", hello("win11", "peer.example", "", 41000, 41999), "").refusal())
                .contains("not an address literal");
    }

    @Test
    void eachAgentMayReachItsPeerOrItsTargetsOnly() {
        Hello win11 = fleet.admit("win11", hello("win11", "192.0.2.23", "", 41000, 41099), "192.0.2.23").hello();
        SessionScope ofPeer = fleet.scopeFor("peer-1", Map.of("win11", win11));
        assertThat(ofPeer.getHostsList()).extracting(ScopeHost::getName).containsExactly("win10", "win11");
        assertThat(ofPeer.getHosts(0).getAddressesList()).containsExactly("192.0.2.21"); // declared, before it connects
        assertThat(ofPeer.getHosts(1).getPorts().getHigh()).isEqualTo(41999); // the declared range, not the Hello's
        SessionScope ofTarget = fleet.scopeFor("win10", Map.of());
        assertThat(ofTarget.getHostsList()).singleElement().satisfies(h -> {
            assertThat(h.getName()).isEqualTo("peer-1");
            assertThat(h.getAddressesList()).containsExactly("192.0.2.41", "2001:db8::41");
        });
        // a peer known by neither inventory nor Hello is left out; the stranger gets nobody
        assertThat(fleet.scopeFor("debian", Map.of()).getHostsList()).isEmpty();
        assertThat(fleet.scopeFor("ghost", Map.of()).getHostsList()).isEmpty();
    }
}
