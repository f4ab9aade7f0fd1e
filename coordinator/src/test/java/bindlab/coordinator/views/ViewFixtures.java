// Stores for the view tests: the committed excerpts of a real Linux namespace-lab run, and synthetic Windows-like
// fleets (every host named fixture-..., no outcome measured): one built from Microsoft's bind table claim with two
// cells changed, one for the version timeline with a change between releases that were not tested.
package bindlab.coordinator.views;

import bindlab.coordinator.answers.AnswersFixtures;
import bindlab.coordinator.answers.Claim;
import bindlab.coordinator.answers.ClaimsFile;
import bindlab.engine.Outcomes;
import bindlab.engine.store.Journal;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.HostIdentity;
import bindlab.proto.v1.Outcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

final class ViewFixtures {
    static final String MSDN = "msdn-reuseaddr-2003-same-user";
    /** The two cells where fixture-win10 departs from Microsoft's table (and from fixture-win7), with what it says. */
    static final Map<String, Outcome> WIN10_DEPARTS = Map.of(
            "bound/none>none/wild>spec/v4", Outcome.EADDRINUSE,
            "bound/EXCLUSIVEADDRUSE>none/wild>wild/v4", Outcome.EACCES);
    static final HostIdentity WIN7 = AnswersFixtures.WIN7;
    static final HostIdentity WIN10 = AnswersFixtures.W10_NEW;
    /** Scenarios every fixture Windows host answers NOT_APPLICABLE: it has no SO_REUSEPORT. */
    static final List<String> REUSEPORT = List.of("bound/REUSEPORT>none/wild>wild/v4", "bound/none>REUSEPORT/wild>wild/v4",
            "bound/REUSEPORT>REUSEPORT/spec>spec/v4");
    static final String D_FW2 = "conn/FIN_WAIT_2/orphan/accepted/none>none/wild>wild/v4";

    private ViewFixtures() {
    }

    /** The committed excerpts of real namespace-lab runs (Linux 6.18): one host, "target". */
    static List<CellRecord> linuxLab(Path tmp) throws Exception {
        List<CellRecord> all = new ArrayList<>(Journal.read(AnswersFixtures.realExcerpt(tmp, "linux-lab-excerpt.jsonl")));
        all.addAll(Journal.read(AnswersFixtures.realExcerpt(tmp, "linux-lab-other-user-excerpt.jsonl")));
        return all;
    }

    static Claim msdn() {
        return ClaimsFile.builtIn().stream().filter(c -> c.id().equals(MSDN)).findFirst().orElseThrow();
    }

    /**
     * fixture-win7 answers every cell of Microsoft's Server 2003+ same-user bind table as the table says;
     * fixture-win10 the same except WIN10_DEPARTS; both answer the REUSEPORT cells NOT_APPLICABLE.
     */
    static List<CellRecord> claimFleet() {
        List<CellRecord> out = new ArrayList<>();
        for (Claim.Expectation e : msdn().expectations()) {
            Outcome o = Outcomes.parse(e.outcomes().get(0));
            out.add(AnswersFixtures.cell(WIN7, e.scenario(), o));
            out.add(AnswersFixtures.cell(WIN10, e.scenario(), WIN10_DEPARTS.getOrDefault(e.scenario(), o)));
        }
        for (String id : REUSEPORT) {
            out.add(AnswersFixtures.cell(WIN7, id, Outcome.NOT_APPLICABLE));
            out.add(AnswersFixtures.cell(WIN10, id, Outcome.NOT_APPLICABLE));
        }
        return out;
    }

    /**
     * AnswersFixtures.fleet() (a change between Windows 7 and 8, one between two UBRs of 19045) plus a default bind
     * over FIN_WAIT_2 that fails up to Server 2016 (14393) and succeeds from 19045 on: ten known releases lie between,
     * untested, for bisect to pick from.
     */
    static List<CellRecord> timelineFleet() {
        List<CellRecord> out = new ArrayList<>(AnswersFixtures.fleet());
        for (HostIdentity id : List.of(AnswersFixtures.VISTA, AnswersFixtures.WIN7, AnswersFixtures.WIN8,
                AnswersFixtures.W2016)) {
            out.add(AnswersFixtures.cell(id, D_FW2, Outcome.EADDRINUSE));
        }
        for (HostIdentity id : List.of(AnswersFixtures.W10_OLD, AnswersFixtures.W10_NEW)) {
            out.add(AnswersFixtures.cell(id, D_FW2, Outcome.SUCCESS));
        }
        return out;
    }
}
