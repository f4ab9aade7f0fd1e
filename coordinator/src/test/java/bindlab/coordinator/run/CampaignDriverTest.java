// A real run on loopback (agents in this JVM, real sockets) leaves report.html in its run directory once the journal
// is closed, and that report, loaded in headless Chromium, shows exactly the cells `bindlab matrix --format json`
// computes from the same store.
package bindlab.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.coordinator.cli.Main;
import bindlab.coordinator.fleet.Inventory;
import bindlab.coordinator.fleet.InventoryParser;
import bindlab.coordinator.hub.AgentHub;
import bindlab.coordinator.hub.CoordinatorServer;
import bindlab.coordinator.hub.FleetAdmission;
import bindlab.coordinator.report.Browser;
import bindlab.coordinator.report.MatrixJson;
import bindlab.engine.run.CampaignPlan;
import bindlab.engine.scenario.Catalog;
import bindlab.engine.scenario.Scenario;
import bindlab.proto.v1.MatrixReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignDriverTest {
    private CoordinatorServer server;
    private InProcessAgents agents;

    @TempDir
    Path store;

    @AfterEach
    void stop() throws Exception {
        if (agents != null) {
            agents.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyRunWritesAReportThatMatchesItsJsonMatrix() throws Exception {
        String text = "all:\n  hosts:\n    t:\n      bindlab_role: target\n      bindlab_peer: p\n"
                + "    p:\n      bindlab_role: peer\n";
        Inventory inv = InventoryParser.parse("test", text);
        AgentHub hub = new AgentHub(new FleetAdmission(inv), false);
        server = CoordinatorServer.start(new InetSocketAddress("127.0.0.1", 0), hub, CoordinatorServer.Security.insecure());
        agents = new InProcessAgents(server.port());
        agents.start("t", 47200);
        agents.start("p", 47300);
        List<String> ids = List.of("seed/TIME_WAIT/none>none", "seed/ESTABLISHED/REUSEADDR>REUSEADDR",
                "seed/listening/EXCLUSIVEADDRUSE>EXCLUSIVEADDRUSE");
        List<Scenario> chosen = Catalog.builtIn().stream().filter(s -> ids.contains(s.id())).toList();
        StringWriter log = new StringWriter();
        CampaignPlan plan = CampaignPlan.of(inv.bindings(), chosen, 2, 1, 1, 20_000);
        Path runDir = CampaignDriver.create(plan, store, "test", text, "127.0.0.1:" + server.port(), "test");
        PrintWriter out = new PrintWriter(log, true);
        CampaignDriver.drive(hub, runDir, plan, false, out); // prints the summary too

        Path report = CampaignDriver.report(runDir);
        assertThat(report).isRegularFile().hasFileName("report.html");
        assertThat(log.toString()).contains("  TIME_WAIT/none>none ").contains("store: " + runDir)
                .endsWith("report: " + report + "\n");
        StringWriter json = new StringWriter();
        assertThat(Main.run(new PrintWriter(json, true), new PrintWriter(new StringWriter(), true), "matrix",
                store.toString(), "--format", "json")).isZero();
        MatrixReport m = MatrixJson.parse(json.toString());
        assertThat(m.getCellsCount()).isEqualTo(5); // two controls first, then the three chosen scenarios
        assertThat(m.getCellsList()).allSatisfy(c -> assertThat(c.getRepeats()).isEqualTo(2));
        assertThat(Files.readString(report)).doesNotContain("http://").doesNotContain("https://");
        Browser.assertGridMatches(Browser.dumpDom(report, ""), m);
    }
}
