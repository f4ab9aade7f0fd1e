// Every place that starts an agent gives it the same JVM flags (Lab.AGENT_JVM_FLAGS) and MALLOC_ARENA_MAX: the
// launcher script and deploy's service definitions (systemd unit, Ansible templates, the Windows task's install.cmd).
package bindlab.coordinator.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchFlagsTest {
    static final List<String> LAUNCHERS = List.of("bindlab-agent", "deploy/linux/bindlab-agent.service",
            "deploy/ansible/roles/bindlab_agent_linux/templates/bindlab-agent.service.j2", "deploy/windows/install.cmd",
            "deploy/ansible/roles/bindlab_agent_windows/defaults/main.yml");

    @Test
    void everyLauncherStartsTheAgentWithTheLabsFlags() throws Exception {
        int checked = 0;
        for (String name : LAUNCHERS) {
            Path file = Path.of("..").resolve(name);
            if (!Files.exists(file)) {
                continue;
            }
            String text = Files.readString(file).replace("\\\n", " ");
            for (String flag : Lab.AGENT_JVM_FLAGS) {
                assertThat(text).as(name + " passes " + flag).contains(flag);
            }
            assertThat(text).as(name + " sets no other heap limit").doesNotContain("-Xmx128m");
            if (!name.contains("windows")) { // Windows has no glibc malloc
                assertThat(text).as(name + " sets MALLOC_ARENA_MAX").contains("MALLOC_ARENA_MAX=" + Lab.MALLOC_ARENA_MAX);
            }
            checked++;
        }
        assertThat(checked).as("every launcher of this tree").isEqualTo(LAUNCHERS.size());
    }
}
