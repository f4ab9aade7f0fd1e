// Tests that the Windows packet filter says plainly it is unavailable and refuses rules.
package bindlab.agent.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bindlab.proto.v1.FilterDirection;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class WindowsPacketFilterTest {

    @Test
    void isUnavailableAndSaysWhy() throws IOException {
        WindowsPacketFilter filter = new WindowsPacketFilter();
        assertThat(filter.available()).isFalse();
        assertThat(filter.describe()).contains("zero-window");
        assertThatThrownBy(() -> filter.add("r1", FilterDirection.DROP_INBOUND_FROM,
                new InetSocketAddress("198.18.0.2", 8080)))
                .isInstanceOf(IOException.class).hasMessageContaining("no packet filter on Windows");
        filter.remove("r1");
        filter.removeAll();
    }
}
