// Tests parsing, printing and ordering of Windows version numbers, with and without UBR.
package bindlab.winver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WindowsVersionTest {

    @Test
    void parsesThreeAndFourParts() {
        WindowsVersion vista = WindowsVersion.parse("6.0.6002");
        assertThat(vista.major()).isEqualTo(6);
        assertThat(vista.minor()).isZero();
        assertThat(vista.build()).isEqualTo(6002);
        assertThat(vista.hasUbr()).isFalse();
        assertThat(vista.ubr()).isZero();

        WindowsVersion patched = WindowsVersion.parse("10.0.19045.5000");
        assertThat(patched.build()).isEqualTo(19045);
        assertThat(patched.hasUbr()).isTrue();
        assertThat(patched.ubr()).isEqualTo(5000);
        assertThat(WindowsVersion.parse(" 10.0.19045 ")).isEqualTo(WindowsVersion.of(10, 0, 19045));
    }

    @ParameterizedTest
    @ValueSource(strings = {"6.0.6002", "10.0.19045", "10.0.19045.5000", "10.0.26100.0"})
    void toStringRoundTrips(String text) {
        assertThat(WindowsVersion.parse(text).toString()).isEqualTo(text);
        assertThat(WindowsVersion.parse(WindowsVersion.parse(text).toString())).isEqualTo(WindowsVersion.parse(text));
    }

    @Test
    void ordersByMajorMinorBuildThenUbr() {
        List<WindowsVersion> expected = Arrays.asList(
                WindowsVersion.parse("6.0.6002"),
                WindowsVersion.parse("6.1.7601"),
                WindowsVersion.parse("10.0.19045.5000"),
                WindowsVersion.parse("10.0.22631"),
                WindowsVersion.parse("10.0.26100"));
        List<WindowsVersion> shuffled = new ArrayList<WindowsVersion>(expected);
        Collections.reverse(shuffled);
        Collections.sort(shuffled);
        assertThat(shuffled).containsExactlyElementsOf(expected);
        assertThat(WindowsVersion.parse("10.0.19045.5000").isBefore(WindowsVersion.parse("10.0.19045.5011"))).isTrue();
        assertThat(WindowsVersion.parse("6.3.9600").isBefore(WindowsVersion.parse("10.0.10240"))).isTrue();
    }

    @Test
    void aVersionWithoutUbrSortsBeforeEveryPatchOfItsBuild() {
        WindowsVersion bare = WindowsVersion.parse("10.0.19045");
        WindowsVersion zero = WindowsVersion.parse("10.0.19045.0");
        assertThat(bare).isLessThan(zero);
        assertThat(bare).isNotEqualTo(zero);
        assertThat(zero.withoutUbr()).isEqualTo(bare);
        assertThat(bare.withUbr(3803)).isEqualTo(WindowsVersion.parse("10.0.19045.3803"));
        assertThat(bare.hashCode()).isEqualTo(WindowsVersion.of(10, 0, 19045).hashCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "10", "10.0", "10.0.", "10..19045", "10.0.x", "10.0.19045.", "1.2.3.4.5",
        "-1.0.6002", "10.0.19045 .1", "10.0.+19045", "1234567890.0.0", "v10.0.19045", "10,0,19045"})
    void rejectsBadInputClearly(String text) {
        assertThatThrownBy(() -> WindowsVersion.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a Windows version")
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void rejectsNullAndNegativeParts() {
        assertThatThrownBy(() -> WindowsVersion.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WindowsVersion.of(10, 0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WindowsVersion.of(10, 0, 19045, -2)).isInstanceOf(IllegalArgumentException.class);
    }
}
