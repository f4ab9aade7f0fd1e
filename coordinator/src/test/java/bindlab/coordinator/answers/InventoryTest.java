// The Ansible-style YAML inventory: nested groups, inherited vars, and errors that name file and line.
package bindlab.coordinator.answers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryTest {

    @Test
    void hostsGroupsAndInheritedVars() {
        Map<String, Inventory.Host> hosts = Inventory.parse("inv.yml", """
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
        assertThat(hosts.get("fixture-win10a")).isEqualTo(new Inventory.Host("fixture-win10a", 19045, -1));
        assertThat(hosts.get("fixture-win10b")).isEqualTo(new Inventory.Host("fixture-win10b", 19045, 3031));
        assertThat(hosts.get("fixture-w2016").build()).isEqualTo(14393);
        assertThat(hosts.get("fixture-win7").build()).isEqualTo(7601);
        assertThat(hosts.get("fixture-deb12").build()).isZero();
    }

    @Test
    void errorsNameFileAndLine() {
        assertThatThrownBy(() -> Inventory.parse("inv.yml", "all:\n  hosts:\n    a: {bindlab_build: [1\n"))
                .hasMessageStartingWith("inv.yml:4: yaml:");
        assertThatThrownBy(() -> Inventory.parse("inv.yml", "all:\n  hosts:\n    p: {bindlab_role: peer}\n    a:\n"
                + "      bindlab_role: target\n      bindlab_build: soon\n"))
                .hasMessage("inv.yml:6: bindlab_build: host 'a': must be a number (e.g. 19045), got 'soon'");
        assertThatThrownBy(() -> Inventory.parse("inv.yml", "all:\n  host:\n    a:\n"))
                .hasMessage("inv.yml:2: host: unknown key in group 'all' (expected hosts, children or vars)");
    }
}
