// bindlab scenarios in-process: a catalog's size per dimension, the full catalog by name, and a selection that only
// the full catalog has named as such; a run's plan keeps the catalog it was chosen from.
package bindlab.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.engine.run.CampaignPlan;
import bindlab.engine.scenario.Catalog;
import bindlab.engine.store.RunStore;
import bindlab.proto.v1.HostBinding;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenariosCommandTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void listEndsWithTheCatalogsSizePerDimension() {
        assertThat(run("scenarios", "list", "--catalog", "full")).isEqualTo(ExitCodes.OK);
        String text = out.toString();
        assertThat(text).contains("32688 scenario(s) in catalog full; by dimension");
        assertThat(text).containsPattern("\n  family +v4 9226, v6 9210, dual 10250, v4>dual 1600, v4>v6 1200, v6>v4 1200\n");
        assertThat(text).containsPattern("\n  user +same 16361, other 16325\n");
        assertThat(text).containsPattern("\n  state +ESTABLISHED 2454, FIN_WAIT_2 2404, TIME_WAIT 2404, LISTEN 2500, LISTEN\\+ESTABLISHED 600,")
                .contains("CLOSED 1200, SYN_SENT 600");
        for (String line : text.split("\n")) {
            if (line.startsWith("  ") && !line.startsWith("   ")) {
                assertThat(line.length()).as(line).isLessThanOrEqualTo(120);
            }
        }
        out.getBuffer().setLength(0);
        assertThat(run("scenarios", "list")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("4393 scenario(s) in catalog default (the full catalog has 32688)");
    }

    @Test
    void aSelectionOnlyTheFullCatalogHasSaysSoAndAnUnknownCatalogIsBadInput() {
        assertThat(run("scenarios", "list", "--filter", "bound/none>REUSEADDR/*/v4>dual")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--filter: 'bound/none>REUSEADDR/*/v4>dual' names scenarios of the full catalog only: add"
                + " --catalog full");
        assertThat(run("scenarios", "list", "--catalog", "huge")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--catalog: 'huge' is not a catalog; catalogs: [default, full]");
        // show finds an id of the full catalog without being told
        out.getBuffer().setLength(0);
        assertThat(run("scenarios", "show", "conn/CLOSED/open/originated/none>none/spec>spec/dual")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("state none|CLOSED").contains("target: recv L1 -> ECONNRESET");
    }

    @Test
    void scenariosSelectsAsRunAndDemoDoAndFilterStaysItsOtherName() {
        assertThat(run("scenarios", "list", "--scenarios", "control/**,seed/listening/*")).isEqualTo(ExitCodes.OK);
        String bySelection = out.toString();
        assertThat(bySelection).contains("control/fresh-bind").contains("seed/listening/none>none")
                .doesNotContain("seed/TIME_WAIT");
        out.getBuffer().setLength(0);
        assertThat(run("scenarios", "list", "--filter=control/**,seed/listening/*")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEqualTo(bySelection);
        assertThat(run("scenarios", "list", "--scenarios", "bound/none>REUSEADDR/*/v4>dual")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--scenarios: 'bound/none>REUSEADDR/*/v4>dual' names scenarios of the full"
                + " catalog only");
    }

    @Test
    void theRunsPlanKeepsItsCatalogAndResumeReadsItBack(@TempDir Path root) throws Exception {
        CampaignPlan plan = CampaignPlan.of(List.of(HostBinding.newBuilder().setTarget("t").setPeer("p").build()),
                "full --scenarios conn/CLOSED/**", Catalog.builtIn(Catalog.FULL).subList(0, 30), 1, 0, 4, 5000);
        Path run = RunStore.create(root, "c", plan.manifest().setCommandLine("test"),
                Map.of(RunStore.SCENARIOS, plan.scenarioText()));
        CampaignPlan back = CampaignPlan.load(run);
        assertThat(back.catalog()).isEqualTo("full --scenarios conn/CLOSED/**");
        assertThat(back.all()).extracting(s -> s.id()).isEqualTo(plan.all().stream().map(s -> s.id()).toList());
        assertThat(back.parallel()).isEqualTo(4);
    }
}
