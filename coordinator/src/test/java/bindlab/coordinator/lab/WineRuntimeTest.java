// Whether a Wine lab runs mutual TLS follows the Windows JRE it was given (its release file), not a constant.
package bindlab.coordinator.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WineRuntimeTest {
    @TempDir
    Path dir;

    @Test
    void theJavaVersionComesFromTheJresReleaseFile() throws Exception {
        Files.writeString(dir.resolve("release"), "IMPLEMENTOR=\"AdoptOpenJDK\"\r\nJAVA_VERSION=\"11.0.3\"\r\n");
        assertThat(new WineRuntime(dir).javaVersion()).isEqualTo("11.0.3");
        Files.delete(dir.resolve("release"));
        assertThat(new WineRuntime(dir).javaVersion()).isEmpty();
    }

    @Test
    void onlyJava8Before252CannotDoTls() {
        assertThat(WineRuntime.tlsCapable("1.8.0_121")).isFalse();
        assertThat(WineRuntime.tlsCapable("1.8.0_251")).isFalse();
        assertThat(WineRuntime.tlsCapable("1.8.0_252")).isTrue();
        assertThat(WineRuntime.tlsCapable("11.0.3")).isTrue();
    }
}
