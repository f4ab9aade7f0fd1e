// Proves which Java the agent's tests ran on: the Java 8 execution sets bindlab.expect.java.spec=1.8.
package bindlab.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RuntimeVersionTest {

    @Test
    void runsOnTheExpectedJava() {
        String expected = System.getProperty("bindlab.expect.java.spec", "");
        String actual = System.getProperty("java.specification.version");
        System.out.println("agent tests on java " + System.getProperty("java.version") + " (spec " + actual + ")");
        if (!expected.isEmpty()) {
            assertThat(actual).isEqualTo(expected);
        }
        assertThat(Integer.parseInt(actual.startsWith("1.") ? actual.substring(2) : actual.split("\\.")[0]))
                .isGreaterThanOrEqualTo(8);
    }
}
