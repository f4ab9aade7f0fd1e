// The port pool through the Agent seam: round the range, never a port in use or with rows, never an excluded one.
package bindlab.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bindlab.proto.v1.PortRange;
import bindlab.proto.v1.SockOption;
import bindlab.proto.v1.TcpState;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class PortPoolTest {
    @Test
    void takesFreePortsInTurnAndSkipsBusyRowsAndExcludedRanges() throws Exception {
        FakeAgent a = new FakeAgent("a", 40000, 40009, SockOption.REUSEADDR);
        a.hello = a.hello.toBuilder().setIdentity(a.hello.getIdentity().toBuilder()
                .addExcludedPorts(PortRange.newBuilder().setLow(40002).setHigh(40004))).build();
        a.table.put(40001, Collections.singletonList(TcpState.TIME_WAIT));
        PortPool pool = new PortPool(a.hello());
        assertThat(pool.take(a)).isEqualTo(40000);
        assertThat(pool.take(a)).isEqualTo(40005); // 40001 has a row, 40002-40004 are excluded
        assertThat(pool.excluded(40003)).isTrue();
        assertThat(pool.take(a)).isEqualTo(40006);
        pool.free(40000);
        assertThat(pool.take(a)).isEqualTo(40007);
        assertThat(pool.take(a)).isEqualTo(40008);
        assertThat(pool.take(a)).isEqualTo(40009);
        assertThat(pool.take(a)).isEqualTo(40000); // freed, and its table is clean
        assertThatThrownBy(() -> pool.take(a)).isInstanceOf(InfraFailure.class)
                .hasMessage("no clean port left in 40000-40009 on agent 'a'");
    }

    @Test
    void anAgentThatReadsRangesIsAskedOnceForManyPortsAndFreedPortsAreCheckedAgain() throws Exception {
        FakeAgent a = new FakeAgent("a", 40000, 40199, SockOption.REUSEADDR);
        a.hello = a.hello.toBuilder().setCapabilities(a.hello.getCapabilities().toBuilder().setObserveRange(true)).build();
        a.table.put(40001, Collections.singletonList(TcpState.TIME_WAIT));
        PortPool pool = new PortPool(a.hello());
        assertThat(pool.take(a)).isEqualTo(40000);
        assertThat(pool.take(a)).isEqualTo(40002); // 40001 has a row
        for (int i = 0; i < PortPool.CHUNK - 3; i++) {
            pool.take(a);
        }
        assertThat(a.batches).as("one range read for the first chunk").hasSize(1);
        assertThat(a.batches.get(0).get(0).getObserveTcp().getPortHigh()).isEqualTo(40000 + PortPool.CHUNK - 1);
        pool.free(40000); // given back: only a later read may call it clean
        assertThat(pool.take(a)).isEqualTo(40000 + PortPool.CHUNK);
        assertThat(a.batches).hasSize(2);
    }
}
