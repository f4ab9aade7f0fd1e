// Real agents (in this JVM, Linux backend) dialling a real coordinator over TCP on loopback: refusal of unknown
// names, a full cell, and a cell whose agent disconnects midway (INFRA_ERROR, and the agent releases its sockets).
package bindlab.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bindlab.agent.AgentClient;
import bindlab.coordinator.Eventually;
import bindlab.coordinator.hub.AgentHub;
import bindlab.coordinator.hub.AgentSession;
import bindlab.coordinator.hub.CoordinatorServer;
import bindlab.coordinator.hub.FleetAdmission;
import bindlab.coordinator.fleet.InventoryParser;
import bindlab.engine.run.CellRunner;
import bindlab.engine.run.PortPool;
import bindlab.engine.scenario.Catalog;
import bindlab.engine.scenario.Scenario;
import bindlab.engine.scenario.ScenarioParser;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.Outcome;
import bindlab.proto.v1.TcpState;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentHubTest {
    private AgentHub hub;
    private CoordinatorServer server;
    private InProcessAgents agents;

    @BeforeEach
    void start() throws Exception {
        // plain text here (FleetSecurityTest covers mutual TLS); the inventory declares no addresses, so the hub
        // believes the ones the connections come from
        hub = new AgentHub(new FleetAdmission(InventoryParser.parse("test",
                "all:\n  hosts:\n    t: {bindlab_role: target, bindlab_peer: p}\n    p: {bindlab_role: peer}\n")), false);
        server = CoordinatorServer.start(new InetSocketAddress("127.0.0.1", 0), hub, CoordinatorServer.Security.insecure());
        agents = new InProcessAgents(server.port());
    }

    @AfterEach
    void stop() throws Exception {
        agents.close();
        server.close();
    }

    private AgentClient agent(String name, int low) {
        return agents.start(name, low);
    }

    private Map<String, AgentSession> both() throws InterruptedException {
        assertThat(hub.awaitAll(List.of("t", "p"), 10_000)).isEmpty();
        return Map.of("t", hub.agent("t"), "p", hub.agent("p"));
    }

    @Test
    void unknownAgentIsRefusedAndStaysUp() throws Exception {
        agent("t", 46200);
        agent("intruder", 46300);
        assertThat(hub.await("t", 10_000)).isNotNull();
        Eventually.waitUntil(10_000, () -> hub.refused().containsKey("intruder")); // its dial may lag t's
        assertThat(hub.refused()).containsKey("intruder");
        assertThat(hub.agent("intruder")).isNull();
        assertThat(agents.alive(1)).isTrue(); // it keeps dialling with backoff
        assertThat(hub.awaitAll(List.of("t", "ghost"), 300)).containsExactly("ghost");
    }

    @Test
    void seedCellOnLoopbackMeasuresARealTimeWait() throws Exception {
        agent("t", 46400);
        agent("p", 46500);
        Map<String, AgentSession> a = both();
        Scenario tw = Catalog.builtIn().stream().filter(s -> s.id().equals("seed/TIME_WAIT/none>none")).findFirst().orElseThrow();
        int port = new PortPool(a.get("t").hello()).take(a.get("t")); // a TIME_WAIT of an earlier run may linger
        CellRecord rec = new CellRunner(a.get("t"), a.get("p")).run("r", tw, 1, 1, port, 46501);
        assertThat(rec.getOutcome()).as(rec.getReason()).isEqualTo(Outcome.EADDRINUSE);
        assertThat(rec.getRawCode()).isEqualTo(98);
        assertThat(rec.getRowsBeforeList()).anyMatch(r -> r.getLocal().getPort() == port && r.getState() == TcpState.TIME_WAIT);
        assertThat(rec.getRowsAfterList()).anyMatch(r -> r.getLocal().getPort() == port && r.getState() == TcpState.TIME_WAIT);
    }

    @Test
    void agentLostMidCellIsInfraErrorAndItsSocketsAreReleasedWhenTheStreamEnds() throws Exception {
        agent("t", 46600);
        agent("p", 46700);
        Map<String, AgentSession> a = both();
        Scenario waits = ScenarioParser.parse("test", """
                scenario test/agent-lost
                state LISTEN
                target: socket L1 inet
                target: bind L1 loopback4:$PORT
                target: listen L1 8
                target: wait-state $PORT CLOSE_WAIT timeout=8000
                target: socket L2 inet
                target: probe bind L2 loopback4:$PORT
                """).get(0);
        Thread killer = new Thread(() -> {
            try {
                Thread.sleep(700);
            } catch (InterruptedException e) {
                return;
            }
            agents.cut(0); // the stream breaks; the agent is not asked to stop or release
        });
        killer.start();
        long t0 = System.currentTimeMillis();
        int port = new PortPool(a.get("t").hello()).take(a.get("t"));
        CellRecord rec = new CellRunner(a.get("t"), a.get("p")).run("r", waits, 1, 1, port, 46701);
        killer.join();
        assertThat(rec.getOutcome()).isEqualTo(Outcome.INFRA_ERROR);
        assertThat(rec.getReason()).contains("agent 't' lost");
        assertThat(System.currentTimeMillis() - t0).isLessThan(8000); // not waiting out the step
        // the agent notices the broken stream, interrupts its wait and releases the cell's listener, within seconds
        Eventually.waitUntil(5000, () -> agents.platform.tcpTable().rowsForPort(port).isEmpty());
        assertThat(agents.platform.tcpTable().rowsForPort(port)).isEmpty();
        assertThat(System.currentTimeMillis() - t0).isLessThan(7000);
    }
}
