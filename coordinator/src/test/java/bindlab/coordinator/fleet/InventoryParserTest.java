// The Ansible inventory: group vars flow to hosts, host vars win, and every mistake names file:line and field.
package bindlab.coordinator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bindlab.engine.BadInput;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InventoryParserTest {

    @Test
    void theExampleInventoryParses() throws Exception {
        Inventory inv = InventoryParser.read(Path.of("../deploy/inventory.example.yml"));
        assertThat(inv.targets()).hasSize(10);
        assertThat(inv.hosts().stream().filter(h -> !h.isTarget()).toList()).extracting(FleetHost::name).containsExactly("linux-peer-1", "linux-peer-2");
        FleetHost vista = inv.host("vista-sp2").orElseThrow();
        assertThat(vista.peer()).isEqualTo("linux-peer-1");
        assertThat(vista.vars()).containsEntry("bindlab_build", "6002").containsEntry("ansible_connection", "winrm")
                .containsEntry("bindlab_listen", "192.0.2.10:47000");
        assertThat(inv.host("win11-24h2").orElseThrow().peer()).isEqualTo("linux-peer-2"); // host var beats group var
        assertThat(vista.line()).isEqualTo(17);
        assertThat(vista.address4()).isEqualTo("192.0.2.21");
        assertThat(vista.ports()).containsExactly(40000, 40999);
        FleetHost win10 = inv.host("win10-22h2").orElseThrow();
        assertThat(win10.address6()).isEqualTo("2001:db8::26");
        assertThat(win10.revert()).containsExactly("virsh", "-c", "qemu:///system", "snapshot-revert", "win10-22h2", "clean");
        assertThat(vista.revert()).isEmpty();
    }

    @Test
    void revertListsFlowFromGroupsAndAHostScalarMustBeAList() {
        Inventory inv = InventoryParser.parse("i.yml", "all:\n  vars:\n    bindlab_revert: [echo, revert]\n  hosts:\n"
                + "    t1: {bindlab_role: target}\n    p1: {bindlab_role: peer, bindlab_revert: []}\n");
        assertThat(inv.host("t1").orElseThrow().revert()).containsExactly("echo", "revert");
        assertThat(inv.host("p1").orElseThrow().revert()).isEmpty();
        expect("all:\n  hosts:\n    t1: {bindlab_role: target}\n    p1:\n      bindlab_role: peer\n"
                + "      bindlab_revert: virsh snapshot-revert p1 clean\n", "i.yml:6: bindlab_revert: must be a YAML list");
    }

    @Test
    void aSinglePeerNeedsNoBindlabPeer() {
        Inventory inv = InventoryParser.parse("i.yml", "all:\n  hosts:\n    t1: {bindlab_role: target}\n    p1: {bindlab_role: peer}\n");
        assertThat(inv.host("t1").orElseThrow().peer()).isEqualTo("p1");
    }

    @Test
    void mistakesNameFileLineAndField() {
        expect("all:\n  hosts:\n    t1: {bindlab_role: target\n", "i.yml:4: yaml:");
        expect("all:\n  hosts:\n    t1:\n      bindlab_role: tagret\n", "i.yml:4: bindlab_role: 'tagret' is not target or peer");
        expect("all:\n  hosts:\n    t1:\n      bindlab_role: target\n      bindlab_peer: nobody\n",
                "i.yml:5: bindlab_peer: 'nobody' (peer of 't1') is not a host of this inventory");
        expect("all:\n  hosts:\n    t1: {bindlab_role: target, bindlab_peer: t2}\n    t2: {bindlab_role: target}\n",
                "i.yml:3: bindlab_peer: 't2' (peer of 't1') does not have bindlab_role: peer");
        expect("all:\n  hosts:\n    t1: {bindlab_role: target}\n", "i.yml:3: bindlab_peer: target 't1' names no peer");
        expect("all:\n  hosts:\n    t1: {}\n", "i.yml:3: bindlab_role: host 't1' has none");
        expect("all:\n  hostz:\n    t1: {}\n", "i.yml:2: hostz: unknown key in group 'all'");
        expect("- just\n- a list\n", "i.yml:1: inventory: must be a mapping");
        expect("all:\n  hosts:\n    'bad name': {bindlab_role: peer}\n", "i.yml:3: host: 'bad name'");
        expect("all:\n  hosts:\n    p1: {bindlab_role: peer}\n", "i.yml:1: bindlab_role: no host has bindlab_role: target");
    }

    @Test
    void buildsFromGroupsAndHostsForBisect() {
        Inventory inv = InventoryParser.parse("inv.yml", """
                all:
                  vars:
                    bindlab_role: target
                  children:
                    windows:
                      vars:
                        bindlab_build: 19045
                      hosts:
                        fixture-win10a:
                        fixture-win10b: {bindlab_ubr: 3031}
                        fixture-w2016:
                          bindlab_build: 14393
                      children:
                        old:
                          hosts:
                            fixture-win7: {bindlab_build: "6.1.7601"}
                    linux:
                      hosts:
                        fixture-deb12: {bindlab_role: peer}
                """);
        assertThat(inv.host("fixture-win10a").orElseThrow().build()).isEqualTo(19045);
        assertThat(inv.host("fixture-win10a").orElseThrow().ubr()).isEqualTo(-1);
        assertThat(inv.host("fixture-win10b").orElseThrow().ubr()).isEqualTo(3031);
        assertThat(inv.host("fixture-w2016").orElseThrow().build()).isEqualTo(14393);
        assertThat(inv.host("fixture-win7").orElseThrow().build()).isEqualTo(7601);
        assertThat(inv.host("fixture-deb12").orElseThrow().build()).isZero();
    }

    @Test
    void valuesBindlabReadsAreCheckedBeforeAnythingRuns() {
        String peer = "all:\n  hosts:\n    p: {bindlab_role: peer}\n    a:\n      bindlab_role: target\n";
        expect(peer + "      bindlab_build: soon\n", "i.yml:6: bindlab_build: must be a number (e.g. 19045), got 'soon' (host 'a')");
        expect(peer + "      bindlab_ports: 99999-1\n", "i.yml:6: bindlab_ports: '99999-1' must be LO-HI");
        expect(peer + "      bindlab_address: target.example\n", "i.yml:6: bindlab_address: 'target.example' is not a numeric IPv4");
        expect(peer + "      bindlab_listen: everywhere\n", "i.yml:6: bindlab_listen: 'everywhere' is not ADDR:PORT");
        expect(peer + "      bindlab_role: peer\n", "i.yml:6: bindlab_role: appears twice in vars of host 'a'");
    }

    private static void expect(String yaml, String message) {
        assertThatThrownBy(() -> InventoryParser.parse("i.yml", yaml)).isInstanceOf(BadInput.class)
                .hasMessageStartingWith(message);
    }
}
