// Real sockets on loopback through the Linux backend: the step handlers, their errors, and release.
package bindlab.agent;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.agent.platform.Platforms;
import bindlab.proto.v1.Accept;
import bindlab.proto.v1.BatchResult;
import bindlab.proto.v1.StepBatch;
import bindlab.proto.v1.Bind;
import bindlab.proto.v1.Close;
import bindlab.proto.v1.Connect;
import bindlab.proto.v1.Endpoint;
import bindlab.proto.v1.Family;
import bindlab.proto.v1.Listen;
import bindlab.proto.v1.ObserveTcp;
import bindlab.proto.v1.OpenSocket;
import bindlab.proto.v1.PortRange;
import bindlab.proto.v1.Release;
import bindlab.proto.v1.SetOption;
import bindlab.proto.v1.SockOption;
import bindlab.proto.v1.Step;
import bindlab.proto.v1.StepResult;
import bindlab.proto.v1.StepStatus;
import bindlab.proto.v1.TcpRow;
import bindlab.proto.v1.TcpState;
import bindlab.proto.v1.WaitState;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StepExecutorTest {
    // Above Linux's ephemeral range (32768-60999), so no other connection on the machine's loopback holds one of
    // them (SandboxOverGrpcTest has 65000-65199, the loopback lab 61000-64999)
    static final int LOW = 65200;
    static final int HIGH = 65299;
    private static final AtomicInteger NEXT = new AtomicInteger(LOW);

    private final StepExecutor ex = new StepExecutor(Platforms.current(),
            PortRange.newBuilder().setLow(LOW).setHigh(HIGH).build());
    private final int port = NEXT.getAndIncrement();

    @AfterEach
    void release() {
        ex.releaseAll();
    }

    private StepResult run(Step.Builder s) {
        return ex.execute(s.setCell("c1").setTimeoutMs(2000).build());
    }

    private static Endpoint ep(String a, int p) {
        return Endpoint.newBuilder().setAddress(a).setPort(p).build();
    }

    private StepResult open(String name) {
        return run(Step.newBuilder().setSocket(OpenSocket.newBuilder().setSocket(name).setFamily(Family.INET)));
    }

    private StepResult bind(String name, int p) {
        return run(Step.newBuilder().setBind(Bind.newBuilder().setSocket(name).setLocal(ep("127.0.0.1", p))));
    }

    @Test
    void secondBindIsRefusedWithRawErrno() {
        assertThat(open("L1").getStatus()).isEqualTo(StepStatus.OK);
        assertThat(bind("L1", port).getStatus()).isEqualTo(StepStatus.OK);
        open("L2");
        StepResult second = bind("L2", port);
        assertThat(second.getStatus()).isEqualTo(StepStatus.ERROR);
        assertThat(second.getErrorName()).isEqualTo("EADDRINUSE");
        assertThat(second.getRawCode()).isEqualTo(98);
        assertThat(second.getCall()).isEqualTo("bind");
    }

    @Test
    void setOptionReadsBack() {
        open("L1");
        StepResult r = run(Step.newBuilder().setSetsockopt(
                SetOption.newBuilder().setSocket("L1").setOption(SockOption.REUSEADDR).setValue(1)));
        assertThat(r.getStatus()).isEqualTo(StepStatus.OK);
        assertThat(r.getReadback()).isEqualTo(1);
        StepResult linger = run(Step.newBuilder().setSetsockopt(
                SetOption.newBuilder().setSocket("L1").setOption(SockOption.LINGER).setValue(1).setLingerSeconds(7)));
        assertThat(linger.getReadback()).isEqualTo(1);
        assertThat(linger.getReadbackLingerSeconds()).isEqualTo(7);
        StepResult exclusive = run(Step.newBuilder().setSetsockopt(
                SetOption.newBuilder().setSocket("L1").setOption(SockOption.EXCLUSIVEADDRUSE).setValue(1)));
        assertThat(exclusive.getStatus()).isEqualTo(StepStatus.UNSUPPORTED);
    }

    @Test
    void connectAcceptObserveAndRelease() {
        open("L1");
        bind("L1", port);
        assertThat(run(Step.newBuilder().setListen(Listen.newBuilder().setSocket("L1").setBacklog(4))).getStatus())
                .isEqualTo(StepStatus.OK);
        open("C");
        // the coordinator declares whom the agent may reach; here the agent's own sandbox on loopback
        ex.sandbox().declare(bindlab.proto.v1.SessionScope.newBuilder().addHosts(bindlab.proto.v1.ScopeHost.newBuilder()
                .setName("self").addAddresses("127.0.0.1").setPorts(PortRange.newBuilder().setLow(LOW).setHigh(HIGH))).build());
        StepResult c = run(Step.newBuilder().setConnect(Connect.newBuilder().setSocket("C").setRemote(ep("127.0.0.1", port))));
        assertThat(c.getStatus()).isEqualTo(StepStatus.OK);
        StepResult a = run(Step.newBuilder().setAccept(Accept.newBuilder().setSocket("L1").setAsSocket("A")));
        assertThat(a.getStatus()).isEqualTo(StepStatus.OK);
        assertThat(a.getRemote().getPort()).isEqualTo(c.getLocal().getPort());
        StepResult w = run(Step.newBuilder().setWaitState(WaitState.newBuilder().setPort(port).setState(TcpState.ESTABLISHED)));
        assertThat(w.getStatus()).isEqualTo(StepStatus.OK);
        StepResult seen = run(Step.newBuilder().setObserveTcp(ObserveTcp.newBuilder().setPort(port)));
        assertThat(seen.getRowsList()).extracting(TcpRow::getState).contains(TcpState.LISTEN, TcpState.ESTABLISHED);
        assertThat(seen.getRowsList()).allMatch(TcpRow::getOwnedByAgent);
        StepResult rel = run(Step.newBuilder().setRelease(Release.getDefaultInstance()));
        assertThat(rel.getReleasedSockets()).isEqualTo(3);
        StepResult after = run(Step.newBuilder().setObserveTcp(ObserveTcp.newBuilder().setPort(port)));
        assertThat(after.getRowsList()).isEmpty(); // abortive close: RST, no TIME_WAIT
    }

    @Test
    void aDualStackSocketBindsAV4MappedAddressAndAResetLeavesNoRowButAnOpenHandle() {
        run(Step.newBuilder().setSocket(OpenSocket.newBuilder().setSocket("L1").setFamily(Family.INET6)));
        run(Step.newBuilder().setSetsockopt(SetOption.newBuilder().setSocket("L1").setOption(SockOption.V6ONLY).setValue(0)));
        StepResult b = run(Step.newBuilder().setBind(Bind.newBuilder().setSocket("L1").setLocal(ep("::ffff:127.0.0.1", port))));
        assertThat(b.getStatus()).as(b.getMessage()).isEqualTo(StepStatus.OK); // EINVAL if sent as an IPv4 sockaddr
        run(Step.newBuilder().setListen(Listen.newBuilder().setSocket("L1").setBacklog(4)));
        open("C");
        ex.sandbox().declare(bindlab.proto.v1.SessionScope.newBuilder().addHosts(bindlab.proto.v1.ScopeHost.newBuilder()
                .setName("self").addAddresses("127.0.0.1").setPorts(PortRange.newBuilder().setLow(LOW).setHigh(HIGH))).build());
        assertThat(run(Step.newBuilder().setConnect(Connect.newBuilder().setSocket("C").setRemote(ep("127.0.0.1", port))))
                .getStatus()).isEqualTo(StepStatus.OK); // IPv4 traffic reaches the dual-stack listener
        run(Step.newBuilder().setAccept(Accept.newBuilder().setSocket("L1").setAsSocket("A")));
        run(Step.newBuilder().setClose(Close.newBuilder().setSocket("L1")));
        run(Step.newBuilder().setClose(Close.newBuilder().setSocket("C").setAbortive(true))); // RST
        StepResult none = run(Step.newBuilder().setWaitState(WaitState.newBuilder().setPort(port)));
        assertThat(none.getStatus()).as(none.getMessage()).isEqualTo(StepStatus.OK);
        StepResult reset = run(Step.newBuilder().setRecv(bindlab.proto.v1.Recv.newBuilder().setSocket("A")));
        assertThat(reset.getErrorName()).isEqualTo("ECONNRESET"); // the handle is open, its connection reset
    }

    @Test
    void aDualStackSocketDialsTheV4MappedFormOfADeclaredPeer() {
        open("L1");
        bind("L1", port);
        run(Step.newBuilder().setListen(Listen.newBuilder().setSocket("L1").setBacklog(4)));
        ex.sandbox().declare(bindlab.proto.v1.SessionScope.newBuilder().addHosts(bindlab.proto.v1.ScopeHost.newBuilder()
                .setName("peer").addAddresses("127.0.0.1").setPorts(PortRange.newBuilder().setLow(LOW).setHigh(HIGH))).build());
        run(Step.newBuilder().setSocket(OpenSocket.newBuilder().setSocket("D").setFamily(Family.INET6)));
        run(Step.newBuilder().setSetsockopt(SetOption.newBuilder().setSocket("D").setOption(SockOption.V6ONLY).setValue(0)));
        StepResult c = run(Step.newBuilder().setConnect(Connect.newBuilder().setSocket("D").setRemote(ep("::ffff:127.0.0.1", port))));
        assertThat(c.getStatus()).as(c.getMessage()).isEqualTo(StepStatus.OK); // the sandbox's scope holds it too
    }

    @Test
    void waitingForNoRowTimesOutWhileAListenerHoldsThePort() {
        open("L1");
        bind("L1", port);
        run(Step.newBuilder().setListen(Listen.newBuilder().setSocket("L1").setBacklog(4)));
        StepResult w = ex.execute(Step.newBuilder().setCell("c1").setTimeoutMs(100)
                .setWaitState(WaitState.newBuilder().setPort(port)).build());
        assertThat(w.getStatus()).isEqualTo(StepStatus.TIMEOUT);
        assertThat(w.getMessage()).contains("still had rows");
    }

    @Test
    void acceptTimesOutWithoutAConnection() {
        open("L1");
        bind("L1", port);
        run(Step.newBuilder().setListen(Listen.newBuilder().setSocket("L1").setBacklog(4)));
        StepResult a = ex.execute(Step.newBuilder().setCell("c1").setTimeoutMs(100)
                .setAccept(Accept.newBuilder().setSocket("L1").setAsSocket("A")).build());
        assertThat(a.getStatus()).isEqualTo(StepStatus.TIMEOUT);
    }

    @Test
    void badRequestsAreRefusedAndNothingIsLeftOpen() {
        StepResult unknown = run(Step.newBuilder().setClose(Close.newBuilder().setSocket("nope")));
        assertThat(unknown.getStatus()).isEqualTo(StepStatus.BAD_REQUEST);
        assertThat(unknown.getMessage()).contains("unknown socket 'nope'");
        open("L1");
        StepResult outside = bind("L1", 80);
        assertThat(outside.getStatus()).isEqualTo(StepStatus.BAD_REQUEST);
        assertThat(outside.getMessage()).contains("outside this agent's sandbox");
        assertThat(open("L1").getStatus()).isEqualTo(StepStatus.BAD_REQUEST);
        StepResult dns = run(Step.newBuilder().setBind(Bind.newBuilder().setSocket("L1").setLocal(ep("example.org", port))));
        assertThat(dns.getMessage()).contains("not a numeric");
        StepResult empty = ex.execute(Step.newBuilder().setCell("c1").build());
        assertThat(empty.getStatus()).isEqualTo(StepStatus.BAD_REQUEST);
        assertThat(ex.releaseAll()).isEqualTo(1);
    }

    @Test
    void everyStepKindOfTheProtocolHasAHandler() {
        for (Step.OpCase op : Step.OpCase.values()) {
            if (op != Step.OpCase.OP_NOT_SET) {
                assertThat(StepHandlers.TABLE).as("handler for " + op).containsKey(op);
            }
        }
    }

    @Test
    void aBatchStopsAfterAFailedStepUnlessItGoesOnAndAlwaysStepsStillRun() {
        Step.Builder open2 = Step.newBuilder().setCell("c1").setSocket(OpenSocket.newBuilder().setSocket("L2").setFamily(Family.INET));
        BatchResult r = ex.run(StepBatch.newBuilder().setId(7)
                .addSteps(Step.newBuilder().setId(1).setCell("c1").setSocket(OpenSocket.newBuilder().setSocket("L1").setFamily(Family.INET)))
                .addSteps(Step.newBuilder().setId(2).setCell("c1").setBind(Bind.newBuilder().setSocket("L1").setLocal(ep("127.0.0.1", port))))
                .addSteps(open2.clone().setId(3))
                .addSteps(Step.newBuilder().setId(4).setCell("c1").setGoOnError(true)
                        .setBind(Bind.newBuilder().setSocket("L2").setLocal(ep("127.0.0.1", port))))
                .addSteps(Step.newBuilder().setId(5).setCell("c1").setBind(Bind.newBuilder().setSocket("L2").setLocal(ep("127.0.0.1", port))))
                .addSteps(Step.newBuilder().setId(6).setCell("c1").setListen(Listen.newBuilder().setSocket("L2")))
                .addSteps(Step.newBuilder().setId(7).setCell("c1").setAlways(true).setObserveTcp(ObserveTcp.newBuilder().setPort(port)))
                .build());
        assertThat(r.getBatchId()).isEqualTo(7);
        // 4 fails but goes on; 5 fails and stops the batch; 6 is skipped; 7 always runs
        assertThat(r.getResultsList()).extracting(StepResult::getStepId).containsExactly(1L, 2L, 3L, 4L, 5L, 7L);
        assertThat(r.getResults(3).getErrorName()).isEqualTo("EADDRINUSE");
        assertThat(r.getResults(4).getStatus()).isEqualTo(StepStatus.ERROR);
        assertThat(r.getResults(5).getStatus()).isEqualTo(StepStatus.OK);
    }

    private static Step.Builder in(String cell, long id) {
        return Step.newBuilder().setCell(cell).setId(id).setTimeoutMs(2000);
    }

    private StepResult observe(int p) {
        return ex.execute(in("observer", 99).setObserveTcp(ObserveTcp.newBuilder().setPort(p)).build());
    }

    @Test
    void aReleaseThatOvertakesAnEarlierBatchOfItsCellWaitsForThatBatchAndNothingIsLeftOpen() {
        BatchResult setup = ex.run(StepBatch.newBuilder().setId(1)
                .addSteps(in("c2", 1).setSocket(OpenSocket.newBuilder().setSocket("L").setFamily(Family.INET)))
                .addSteps(in("c2", 2).setBind(Bind.newBuilder().setSocket("L").setLocal(ep("127.0.0.1", port))))
                .addSteps(in("c2", 3).setListen(Listen.newBuilder().setSocket("L").setBacklog(4))).build());
        assertThat(setup.getResultsList()).extracting(StepResult::getStatus).containsOnly(StepStatus.OK);
        // a batch of the cell has arrived and is still running (say, blocked on a peer the coordinator gave up on)
        StepExecutor.Admitted straggler = ex.admit(StepBatch.newBuilder().setId(2)
                .addSteps(in("c2", 4).setSocket(OpenSocket.newBuilder().setSocket("X").setFamily(Family.INET))).build());
        BatchResult release = ex.run(StepBatch.newBuilder().setId(3).addSteps(in("c2", 5).setRelease(Release.getDefaultInstance())).build());
        assertThat(release.getResults(0).getStatus()).isEqualTo(StepStatus.OK);
        assertThat(release.getResults(0).getMessage()).contains("deferred until 1 other batch(es) of cell c2 end");
        assertThat(observe(port).getRowsList()).extracting(TcpRow::getState).containsExactly(TcpState.LISTEN);

        BatchResult late = straggler.run();
        assertThat(late.getResults(0).getStatus()).isEqualTo(StepStatus.BAD_REQUEST);
        assertThat(late.getResults(0).getMessage()).contains("cell c2 was released while this batch ran");
        assertThat(observe(port).getRowsList()).isEmpty(); // released as the straggler ended
        assertThat(ex.holds("c2")).isFalse();
        assertThat(ex.releaseAll()).isZero();
    }

    @Test
    void anAdmittedBatchThatNeverRunsDoesNotHoldItsCellsRelease() {
        ex.run(StepBatch.newBuilder().setId(1)
                .addSteps(in("c3", 1).setSocket(OpenSocket.newBuilder().setSocket("L").setFamily(Family.INET)))
                .addSteps(in("c3", 2).setBind(Bind.newBuilder().setSocket("L").setLocal(ep("127.0.0.1", port))))
                .addSteps(in("c3", 3).setListen(Listen.newBuilder().setSocket("L").setBacklog(4))).build());
        StepExecutor.Admitted neverRun = ex.admit(StepBatch.newBuilder().setId(2)
                .addSteps(in("c3", 4).setClose(Close.newBuilder().setSocket("L"))).build());
        ex.run(StepBatch.newBuilder().setId(3).addSteps(in("c3", 5).setRelease(Release.getDefaultInstance())).build());
        assertThat(ex.holds("c3")).isTrue();
        neverRun.abandon();
        assertThat(ex.holds("c3")).isFalse();
        assertThat(observe(port).getRowsList()).isEmpty();
        neverRun.abandon(); // twice is harmless
        assertThat(ex.releaseAll()).isZero();
    }

    @Test
    void theSandboxsCapOnCellsHoldsForBatchesOfManyCells() {
        StepBatch.Builder b = StepBatch.newBuilder().setId(1);
        for (int i = 0; i <= Sandbox.MAX_CELLS; i++) {
            b.addSteps(in("many-" + i, i).setGoOnError(true).setSocket(OpenSocket.newBuilder().setSocket("S").setFamily(Family.INET)));
        }
        BatchResult r = ex.run(b.build());
        assertThat(r.getResultsList().subList(0, Sandbox.MAX_CELLS)).extracting(StepResult::getStatus).containsOnly(StepStatus.OK);
        assertThat(r.getResults(Sandbox.MAX_CELLS).getStatus()).isEqualTo(StepStatus.BAD_REQUEST);
        assertThat(r.getResults(Sandbox.MAX_CELLS).getMessage()).contains("already holds " + Sandbox.MAX_CELLS + " cells");
        assertThat(ex.cells()).isEqualTo(Sandbox.MAX_CELLS);
    }

    @Test
    void aStepAfterItsCellsReleaseInTheSameBatchIsRefusedAndOpensNothing() {
        BatchResult r = ex.run(StepBatch.newBuilder().setId(1)
                .addSteps(in("c4", 1).setSocket(OpenSocket.newBuilder().setSocket("L").setFamily(Family.INET)))
                .addSteps(in("c4", 2).setRelease(Release.getDefaultInstance()))
                .addSteps(in("c4", 3).setAlways(true).setSocket(OpenSocket.newBuilder().setSocket("M").setFamily(Family.INET)))
                .build());
        assertThat(r.getResults(1).getReleasedSockets()).isEqualTo(1);
        assertThat(r.getResults(2).getStatus()).isEqualTo(StepStatus.BAD_REQUEST);
        assertThat(r.getResults(2).getMessage()).contains("cell c4 was released earlier in this batch");
        assertThat(ex.holds("c4")).isFalse();
    }

    @Test
    void aBatchLeftFromAnEndedStreamRunsNoStepAndCountsNothingInTheNext() {
        StepExecutor.Admitted old = ex.admit(StepBatch.newBuilder().setId(1)
                .addSteps(in("c5", 1).setSocket(OpenSocket.newBuilder().setSocket("L").setFamily(Family.INET))).build());
        ex.releaseAll(); // the stream ended while the batch waited for a thread
        assertThat(old.run().getResultsList()).isEmpty();
        assertThat(ex.holds("c5")).isFalse();
        // the next stream's batches of a cell with the same id are counted afresh: its release is not deferred
        BatchResult again = ex.run(StepBatch.newBuilder().setId(2)
                .addSteps(in("c5", 2).setSocket(OpenSocket.newBuilder().setSocket("L").setFamily(Family.INET)))
                .addSteps(in("c5", 3).setRelease(Release.getDefaultInstance())).build());
        assertThat(again.getResults(1).getReleasedSockets()).isEqualTo(1);
        assertThat(ex.holds("c5")).isFalse();
    }

    @Test
    void twoBatchesOfOneCellOpeningSocketsAtOnceLoseNone() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 1000; round++) {
                String cell = "race-" + round;
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
                java.util.List<java.util.concurrent.Future<BatchResult>> both = new java.util.ArrayList<>();
                for (String side : new String[] {"a", "b"}) {
                    StepBatch.Builder b = StepBatch.newBuilder().setId(round * 2 + (side.equals("a") ? 0 : 1));
                    for (int i = 0; i < Sandbox.MAX_SOCKETS_PER_CELL / 2; i++) {
                        b.addSteps(in(cell, i).setSocket(OpenSocket.newBuilder().setSocket(side + i).setFamily(Family.INET)));
                    }
                    StepExecutor.Admitted batch = ex.admit(b.build());
                    both.add(pool.submit(() -> {
                        start.await();
                        return batch.run();
                    }));
                }
                for (java.util.concurrent.Future<BatchResult> f : both) {
                    assertThat(f.get(30, java.util.concurrent.TimeUnit.SECONDS).getResultsList())
                            .extracting(StepResult::getStatus).containsOnly(StepStatus.OK);
                }
                assertThat(ex.socketsIn(cell)).as("round %d", round).isEqualTo(Sandbox.MAX_SOCKETS_PER_CELL);
                BatchResult release = ex.run(StepBatch.newBuilder().setId(1000 + round)
                        .addSteps(in(cell, 99).setRelease(Release.getDefaultInstance())).build());
                assertThat(release.getResults(0).getReleasedSockets()).isEqualTo(Sandbox.MAX_SOCKETS_PER_CELL);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSocketMadeAfterItsCellWasClosedIsClosedNotKept() throws Exception {
        // a step still inside its socket call when the stream ended: releaseAll closed the cell under it
        StepExecutor.Cell cell = new StepExecutor.Cell("late");
        assertThat(cell.takeSockets()).isEmpty();
        bindlab.agent.platform.SocketApi api = ex.api();
        long h = api.open(Family.INET).value;
        assertThat(api.bind(h, new java.net.InetSocketAddress("127.0.0.1", port)).ok).isTrue();
        assertThat(api.listen(h, 4).ok).isTrue();
        assertThat(observe(port).getRowsList()).extracting(TcpRow::getState).containsExactly(TcpState.LISTEN);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ex.adopt(cell, "S", h))
                .hasMessageContaining("cell late was released while this step ran");
        assertThat(observe(port).getRowsList()).as("closed, not kept").isEmpty();
        assertThat(cell.claimRule("late/r")).as("a closed cell takes no rule either").isFalse();
    }
}
