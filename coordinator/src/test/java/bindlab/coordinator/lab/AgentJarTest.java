// The shaded agent jar as shipped: at most 15 MB, and every agent class (the Windows backend too, which this Linux
// build never runs) resolves against what the jar holds after minimization: nothing it names was dropped.
package bindlab.coordinator.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

class AgentJarTest {
    static final long MAX_BYTES = 15L * 1000 * 1000;

    @Test
    void theJarIsSmallAndNothingAnAgentClassNamesIsMissing() throws Exception {
        Path jar = LabRun.agentJar();
        assertThat(Files.size(jar)).as("agent jar size").isLessThanOrEqualTo(MAX_BYTES);
        List<String> problems = new ArrayList<>();
        int checked = 0;
        try (JarFile jf = new JarFile(jar.toFile());
                URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                        ClassLoader.getPlatformClassLoader())) {
            for (Enumeration<JarEntry> e = jf.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (!name.startsWith("bindlab/agent/") || !name.endsWith(".class")) {
                    continue;
                }
                String cls = name.substring(0, name.length() - 6).replace('/', '.');
                try {
                    Class<?> c = Class.forName(cls, false, loader);
                    c.getDeclaredFields();
                    c.getDeclaredMethods();
                    c.getDeclaredConstructors();
                    c.getGenericInterfaces();
                    c.getGenericSuperclass();
                    checked++;
                } catch (LinkageError | ReflectiveOperationException | TypeNotPresentException ex) {
                    problems.add(cls + ": " + ex);
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).isGreaterThan(50);
    }
}
