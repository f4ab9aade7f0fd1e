// Reading the excluded ranges once, re-reading them after a WSAEACCES (rate-limited), overlap with a sandbox, and
// the selftest check built on them; a read failure is said, and Wine says "not available".
package bindlab.agent.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.agent.platform.HostCheck;
import bindlab.agent.platform.windows.ExcludedPortRanges.Range;
import bindlab.proto.v1.PortRange;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class ExcludedPortsTest {
    private static final PortRange SANDBOX = PortRange.newBuilder().setLow(40000).setHigh(40999).build();

    @Test
    void readsOnceAndRereadsOnlyWhenOldEnough() {
        final int[] reads = {0};
        ExcludedPorts slow = new ExcludedPorts(() -> {
            reads[0]++;
            return Arrays.asList(new Range(50000, 50059, true));
        }, 60_000);
        assertThat(slow.containing(50010)).isNotNull();
        assertThat(slow.containing(40000)).isNull();
        assertThat(slow.containingAfterRefresh(40000)).isNull();
        assertThat(reads[0]).as("the re-read waits for REFRESH_MIN_MS").isEqualTo(1);

        ExcludedPorts eager = new ExcludedPorts(() -> {
            reads[0]++;
            return Collections.<Range>emptyList();
        }, 0);
        eager.containing(1);
        eager.containingAfterRefresh(1);
        assertThat(reads[0]).isEqualTo(3);
    }

    @Test
    void overlapsAreFound() {
        assertThat(ExcludedPorts.overlapping(Arrays.asList(new Range(39990, 40000, false), new Range(41000, 41099, false),
                new Range(40999, 40999, true)), 40000, 40999)).extracting(r -> r.start).containsExactly(39990, 40999);
    }

    @Test
    void theSelftestCheckFailsOnOverlapOrUnreadableRangesAndIsNotAvailableUnderWine() {
        ExcludedPorts clear = new ExcludedPorts(() -> Arrays.asList(new Range(50000, 50059, false)), 0);
        assertThat(WindowsPlatform.excludedCheck(clear, SANDBOX).status).isEqualTo(HostCheck.Status.PASS);

        ExcludedPorts hit = new ExcludedPorts(() -> Arrays.asList(new Range(40500, 40599, false)), 0);
        HostCheck h = WindowsPlatform.excludedCheck(hit, SANDBOX);
        assertThat(h.status).isEqualTo(HostCheck.Status.FAIL);
        assertThat(h.detail).contains("40500-40599").contains("refuses binds");

        ExcludedPorts broken = new ExcludedPorts(() -> {
            throw new IOException("netsh int ipv4 show excludedportrange protocol=tcp exited 1: access denied");
        }, 0);
        HostCheck b = WindowsPlatform.excludedCheck(broken, SANDBOX);
        assertThat(b.status).as("strict on Windows").isEqualTo(HostCheck.Status.FAIL);
        assertThat(b.detail).contains("could not be read").contains("access denied");

        HostCheck wine = WindowsPlatform.excludedCheck(ExcludedPorts.notAvailable("not available under Wine"), SANDBOX);
        assertThat(wine.status).isEqualTo(HostCheck.Status.NOT_AVAILABLE);
    }
}
