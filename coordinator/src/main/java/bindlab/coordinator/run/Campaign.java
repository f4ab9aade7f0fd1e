// Runs scenarios x repeats for one target and its peer, journalling every cell as soon as it is known and
// retrying cells lost to infrastructure.
package bindlab.coordinator.run;

import bindlab.coordinator.hub.AgentHub;
import bindlab.coordinator.hub.AgentSession;
import bindlab.coordinator.scenario.Scenario;
import bindlab.coordinator.store.Journal;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.Outcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

public final class Campaign {
    private final AgentHub hub;
    private final String targetName;
    private final String peerName;
    private final int retries;
    private final Duration reconnectWait;
    private final PrintWriter log;

    public Campaign(AgentHub hub, String targetName, String peerName, int retries, Duration reconnectWait, PrintWriter log) {
        this.hub = hub;
        this.targetName = targetName;
        this.peerName = peerName;
        this.retries = retries;
        this.reconnectWait = reconnectWait;
        this.log = log;
    }

    /** Returns how many cells ended with a result, INVALID_SETUP, NOT_APPLICABLE or INFRA_ERROR (after retries). */
    public Map<Outcome, Integer> run(String runId, List<Scenario> scenarios, int repeat, Journal journal)
            throws InterruptedException, IOException {
        Map<Outcome, Integer> tally = new java.util.EnumMap<>(Outcome.class);
        PortPool targetPorts = null;
        PortPool peerPorts = null;
        int total = scenarios.size() * repeat;
        int done = 0;
        for (Scenario sc : scenarios) {
            for (int rep = 1; rep <= repeat; rep++) {
                CellRecord rec = null;
                for (int attempt = 1; attempt <= retries + 1; attempt++) {
                    Map<String, AgentSession> agents = hub.await(List.of(targetName, peerName), reconnectWait);
                    AgentSession target = agents.get(targetName);
                    AgentSession peer = agents.get(peerName);
                    if (targetPorts == null) {
                        targetPorts = new PortPool(target.hello().getPorts());
                        peerPorts = new PortPool(peer.hello().getPorts());
                    }
                    try {
                        rec = new CellRunner(target, peer).run(runId, sc, rep, attempt, targetPorts.take(target),
                                peerPorts.take(peer));
                    } catch (ExecutionException e) {
                        log.printf("  %s #%d: agent lost while choosing ports (%s)%n", sc.id(), rep, e.getCause().getMessage());
                        continue;
                    }
                    journal.write(rec);
                    if (rec.getOutcome() != Outcome.INFRA_ERROR) {
                        break;
                    }
                    log.printf("  %s #%d attempt %d: INFRA_ERROR (%s)%s%n", sc.id(), rep, attempt, rec.getReason(),
                            attempt <= retries ? ", retrying" : ", giving up");
                }
                Outcome o = rec == null ? Outcome.INFRA_ERROR : rec.getOutcome();
                tally.merge(o, 1, Integer::sum);
                done++;
                log.printf("[%d/%d] %-50s #%d  %s%s%n", done, total, sc.id(), rep, Outcomes.label(o),
                        rec != null && !rec.getReason().isEmpty() ? "  (" + rec.getReason() + ")" : "");
                log.flush();
            }
        }
        return tally;
    }
}
