// Wine detection: Wine exactly when ntdll exports wine_get_version; a missing export (real Windows) is no error.
package bindlab.agent.jna.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WineTest {

    /** Looks exports up in a map; a missing one throws UnsatisfiedLinkError, as NativeLibrary.getFunction does. */
    private static Wine.Exports ntdll(final Map<String, String> exports) {
        return export -> {
            if (!exports.containsKey(export)) {
                throw new UnsatisfiedLinkError("Error looking up function '" + export + "'");
            }
            return exports.get(export);
        };
    }

    @Test
    void realWindowsNtdllHasNoWineExports() {
        assertThat(Wine.from(ntdll(new HashMap<String, String>()))).isNull();
    }

    @Test
    void wineIsNamedWithItsBuildAndHost() {
        Map<String, String> e = new HashMap<String, String>();
        e.put("wine_get_version", "8.0");
        e.put("wine_get_build_id", "wine-8.0 (Debian 8.0~repack-4)");
        e.put("wine_get_host_version", "Linux 6.1.0-18-amd64");
        Wine w = Wine.from(ntdll(e));
        assertThat(w.version).isEqualTo("8.0");
        assertThat(w.buildId).isEqualTo("wine-8.0 (Debian 8.0~repack-4)");
        assertThat(w.host).isEqualTo("Linux 6.1.0-18-amd64");
    }

    @Test
    void onlyTheVersionExportIsRequired() {
        Map<String, String> e = new HashMap<String, String>();
        e.put("wine_get_version", "1.6");
        Wine w = Wine.from(ntdll(e));
        assertThat(w.version).isEqualTo("1.6");
        assertThat(w.buildId).isEmpty();
        assertThat(w.host).isEmpty();
    }

    /** On Linux there is no ntdll at all: detect() answers null instead of throwing. */
    @Test
    void detectOnAHostWithoutNtdllIsNull() {
        if (!System.getProperty("os.name", "").toLowerCase().startsWith("windows")) {
            assertThat(Wine.detect()).isNull();
        }
    }
}
