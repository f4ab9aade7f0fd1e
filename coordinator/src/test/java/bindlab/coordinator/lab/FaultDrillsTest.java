// Network fault drills in a namespace lab of one target and one peer: a 20 s partition of the peer mid-cell and a
// link flap that deletes an IPv6 address. After each: nothing lost or duplicated, no fault journalled as a final
// outcome, the lab's addresses restored, nothing left held or filtered. Figures go to docs/RELIABILITY.md.
package bindlab.coordinator.lab;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.coordinator.cli.Main;
import bindlab.engine.Outcomes;
import bindlab.engine.run.CellKey;
import bindlab.engine.scenario.Catalog;
import bindlab.engine.scenario.Scenario;
import bindlab.engine.scenario.ScenarioParser;
import bindlab.engine.scenario.Selection;
import bindlab.engine.store.Journal;
import bindlab.engine.store.RunStore;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.Outcome;
import bindlab.proto.v1.TcpState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FaultDrillsTest {
    static final String SCENARIOS = "drill/slow-connection,seed/**,bound/none>none/**,conn/ESTABLISHED/open/accepted/none>none/**";
    static final Path SLOW = Path.of("src/test/resources/scenarios/drill-slow.scn");
    static final int FLAP_REPEAT = 10;
    @RegisterExtension
    static final DrillLab drill = new DrillLab(1);

    static Set<CellKey> expectedCells(int repeat) {
        List<Scenario> all = new ArrayList<>(Catalog.builtIn());
        all.addAll(ScenarioParser.read(SLOW));
        Set<CellKey> out = new HashSet<>();
        for (int rep = 1; rep <= repeat; rep++) {
            int r = rep;
            Catalog.controls().forEach(s -> out.add(new CellKey("target-1", s.id(), r)));
            Selection.of(SCENARIOS, "test").choose(all, "test").forEach(s -> out.add(new CellKey("target-1", s.id(), r)));
        }
        return out;
    }

    /** Runs the drill's campaign in a thread, applies the fault once the slow connection cell is under way. */
    static List<CellRecord> campaignWith(String name, int repeat, Fault fault, StringWriter out) throws Exception {
        Path store = drill.dir.resolve(name);
        int[] code = {-1};
        Thread campaign = new Thread(() -> code[0] = Main.run(new PrintWriter(out, true), new PrintWriter(out, true),
                "run", "--inventory", drill.inventory.toString(), "--store", store.toString(), "--name", name,
                "--scenarios-file", SLOW.toString(), "--scenarios", SCENARIOS, "--quiet", "--wait", "90",
                "--repeat", Integer.toString(repeat)));
        campaign.start();
        drill.awaitState("target-1", TcpState.ESTABLISHED, 1000);
        long t0 = System.currentTimeMillis();
        fault.apply();
        campaign.join(240_000);
        assertThat(campaign.isAlive()).as("campaign still running; " + out).isFalse();
        assertThat(code[0]).as(out.toString()).isZero();
        List<CellRecord> records = Journal.read(RunStore.resolveRun(store.resolve(name)));
        System.out.printf("%s drill: %d records, %d INFRA_ERROR attempt(s), campaign done %.1f s after the fault began%n",
                name, records.size(), records.stream().filter(r -> r.getOutcome() == Outcome.INFRA_ERROR).count(),
                (System.currentTimeMillis() - t0) / 1000.0);
        return records;
    }

    interface Fault {
        void apply() throws Exception;
    }

    /** The cells with a final record: each once; no fault may have become a final INVALID_SETUP. */
    static void assertNothingLostAndNoFaultAsAResult(List<CellRecord> records, int repeat) {
        Set<CellKey> finals = new HashSet<>();
        for (CellRecord r : records) {
            if (r.getOutcome() != Outcome.INFRA_ERROR) {
                assertThat(finals.add(CellKey.of(r))).as("duplicate final record " + CellKey.of(r)).isTrue();
                assertThat(r.getOutcome()).as(r.getScenarioId() + ": " + r.getReason()).isNotEqualTo(Outcome.INVALID_SETUP);
            }
        }
        assertThat(finals).isEqualTo(expectedCells(repeat));
    }

    @Test
    void aTwentySecondPartitionOfThePeerMidCellIsNeverAResult() throws Exception {
        LabHost peer = drill.lab.hosts().get(1);
        StringWriter out = new StringWriter();
        List<CellRecord> records = campaignWith("partition", 1, () -> {
            drill.lab.setLink(peer, false);
            Thread.sleep(20_000);
            drill.lab.setLink(peer, true);
        }, out);
        assertNothingLostAndNoFaultAsAResult(records, 1);
        assertThat(records).as("the in-flight cell was lost to the fault and retried")
                .anyMatch(r -> r.getOutcome() == Outcome.INFRA_ERROR);
        assertThat(out.toString()).contains("lab repair: peer-1: re-added " + peer.address6());
        assertThat(drill.lab.exec(peer, "ip", "-6", "-o", "addr", "show")).contains(" " + peer.address6() + "/");
        assertThat(records).as("IPv6 cells measured after the repair")
                .anyMatch(r -> r.getScenarioId().endsWith("/v6") && Outcomes.isResult(r.getOutcome()));
    }

    @Test
    void aLinkFlapThatDeletesTheTargetsIpv6AddressIsRepairedBeforeAnyFurtherCellCounts() throws Exception {
        LabHost target = drill.lab.hosts().get(0);
        StringWriter out = new StringWriter();
        // 16 cells run at once: with one repeat the other cells would all be done before the slow cell lets the
        // fault in, so the campaign is ten repeats long and most of it comes after the flap
        List<CellRecord> records = campaignWith("flap", FLAP_REPEAT, () -> {
            drill.lab.setLink(target, false);
            Thread.sleep(1000);
            drill.lab.setLink(target, true);
        }, out);
        assertNothingLostAndNoFaultAsAResult(records, FLAP_REPEAT);
        assertThat(out.toString()).contains("lab repair: target-1: re-added " + target.address6());
        assertThat(records).as("IPv6 cells measured after the repair")
                .anyMatch(r -> r.getScenarioId().endsWith("/v6") && Outcomes.isResult(r.getOutcome()));
    }
}
