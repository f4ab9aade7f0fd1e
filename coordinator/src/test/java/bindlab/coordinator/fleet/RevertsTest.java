// VM snapshot reverts: each host's bindlab_revert runs as an argument list before a campaign, logged; a failure stops it.
package bindlab.coordinator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevertsTest {
    @TempDir
    Path dir;

    @Test
    void revertCommandsRunWithoutAShellAndAreLogged() throws Exception {
        Path marker = dir.resolve("reverted; rm -rf nothing");
        Inventory inv = InventoryParser.parse("i.yml", "all:\n  hosts:\n    t1:\n      bindlab_role: target\n"
                + "      bindlab_revert: [touch, '" + marker + "']\n    p1: {bindlab_role: peer}\n");
        StringWriter out = new StringWriter();
        assertThat(Reverts.run(inv, dir, new PrintWriter(out, true))).isEqualTo(1);
        assertThat(marker).exists(); // one argument, never split or interpreted by a shell
        assertThat(out.toString()).contains("revert t1: running ['touch', '" + marker + "']").contains("revert t1: exit 0");
        assertThat(Files.readString(dir.resolve(Reverts.LOG))).contains("revert t1: exit 0");
    }

    @Test
    void aFailedRevertStopsTheCampaignNamingHostAndCommand() {
        Inventory inv = InventoryParser.parse("i.yml", "all:\n  hosts:\n    t1:\n      bindlab_role: target\n"
                + "      bindlab_revert: [sh, -c, 'echo snapshot missing; exit 3']\n    p1: {bindlab_role: peer}\n");
        assertThatThrownBy(() -> Reverts.run(inv, dir, new PrintWriter(new StringWriter(), true)))
                .isInstanceOf(bindlab.engine.run.InfraFailure.class).hasMessageContaining("revert of 't1' failed (exit 3)");
        Inventory missing = InventoryParser.parse("i.yml", "all:\n  hosts:\n    t1:\n      bindlab_role: target\n"
                + "      bindlab_revert: [/nonexistent/virsh, snapshot-revert]\n    p1: {bindlab_role: peer}\n");
        assertThatThrownBy(() -> Reverts.run(missing, dir, new PrintWriter(new StringWriter(), true)))
                .hasMessageContaining("revert of 't1' could not start");
    }
}
