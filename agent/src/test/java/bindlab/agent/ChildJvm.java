// Runs a test's probe class in a fresh JVM of the same Java and class path: what a process loads or starts at its
// beginning can only be seen there.
package bindlab.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

public final class ChildJvm {
    private ChildJvm() {
    }

    /** The probe's output (stdout and stderr) once it has exited 0 within a minute; fails otherwise. */
    public static String run(Class<?> probe, String... jvmFlags) throws Exception {
        return runUnder(new ArrayList<String>(), probe, jvmFlags);
    }

    /** The same, the JVM started by a command that runs its arguments (unshare, setsid, ...). */
    public static String runUnder(List<String> launcher, Class<?> probe, String... jvmFlags) throws Exception {
        List<String> cmd = new ArrayList<String>(launcher);
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        cmd.addAll(Arrays.asList(jvmFlags));
        cmd.addAll(Arrays.asList("-cp", System.getProperty("java.class.path"), probe.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
            }
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the probe exited within 60 s").isTrue();
        String text = new String(out.toByteArray(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }
}
