// What a Wine lab needs on this machine, got once: Debian's wine + wine64 (installed as root if missing), a Windows
// x64 Java 8 from Maven Central unpacked into a cache directory, and the ProcessPrng shim that lets that Java do TLS
// under Wine 8 (built with mingw-w64); it says what it does and why it fails.
package bindlab.coordinator.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The JRE: sonar-scanner-cli 3.3.0.1492's Windows zip (66 MB) carries Oracle's x64 Java 1.8.0_121 under
 * sonar-scanner-3.3.0.1492-windows/jre/; only that folder is unpacked. Nothing here touches a Wine prefix:
 * each Wine host gets its own (WinePrefix).
 */
public final class WineRuntime {
    static final String JRE_ARTIFACT = "org.sonarsource.scanner.cli:sonar-scanner-cli:3.3.0.1492:zip:windows";
    static final String JRE_IN_ZIP = "sonar-scanner-3.3.0.1492-windows/jre/";
    static final String JRE_VERSION = "1.8.0_121";
    /** Debian's loader for 64-bit Windows programs; /usr/bin/wine picks it when wine32 is absent. */
    static final Path WINE64 = Path.of("/usr/lib/wine/wine64");

    /** mingw-w64's C compiler for 64-bit Windows, and the Debian package that has it. */
    static final String MINGW_GCC = "x86_64-w64-mingw32-gcc";
    static final String MINGW_PACKAGE = "gcc-mingw-w64-x86-64-win32";

    private final Path jre;
    private final Path processPrng;
    private final String noProcessPrng;

    WineRuntime(Path jre) {
        this(jre, null, "not built");
    }

    private WineRuntime(Path jre, Path processPrng, String noProcessPrng) {
        this.jre = jre;
        this.processPrng = processPrng;
        this.noProcessPrng = noProcessPrng;
    }

    /**
     * The bcryptprimitives.dll that gives a Wine 8 prefix ProcessPrng (see resources bindlab/wine/), or null when this
     * JRE does not need it (the JDK's own TLS) or it could not be built (noProcessPrng says why).
     */
    public Path processPrng() {
        return processPrng;
    }

    public String noProcessPrng() {
        return noProcessPrng;
    }

    /** The JRE's home (holding bin/java.exe). */
    public Path jre() {
        return jre;
    }

    /**
     * Whether the JDK itself can do TLS for the agent on this JRE: not Java 8 before 8u252 (no ALPN). Such a JRE falls
     * back on the agent's bundled BoringSSL, which needs ProcessPrng (Windows 8+, Wine 9+): see ensureProcessPrng.
     */
    public static boolean tlsCapable(String javaVersion) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("1\\.8\\.0_(\\d+).*").matcher(javaVersion);
        return !m.matches() || Integer.parseInt(m.group(1)) >= 252;
    }

    /** JAVA_VERSION from the JRE's release file ("1.8.0_121", "11.0.3"), or "" when it has none. */
    public String javaVersion() {
        try {
            for (String line : Files.readAllLines(jre.resolve("release"), java.nio.charset.StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return line.substring("JAVA_VERSION=".length()).replace("\"", "").trim();
                }
            }
        } catch (IOException e) {
            // no release file: the version is unknown
        }
        return "";
    }

    public Path javaExe() {
        return jre.resolve("bin").resolve("java.exe");
    }

    /** Why a Wine lab cannot run here without installing anything, or null when wine, wine64 and mvn are present. */
    public static String missing() {
        List<String> gone = new ArrayList<>();
        if (!Sh.onPath("wine") || !Sh.onPath("wineserver") || !Files.isExecutable(WINE64)) {
            gone.add("wine and wine64 (Debian: apt-get install wine wine64)");
        }
        if (!Sh.onPath("mvn") && !Files.isRegularFile(javaExeIn(cacheDir()))) {
            gone.add("mvn, to fetch the Windows JRE from Maven Central (Debian: apt-get install maven)");
        }
        return gone.isEmpty() ? null : String.join("; ", gone);
    }

    /**
     * Installs wine if it can (root with apt-get), fetches the JRE if it is not cached, and, for a JRE that can do TLS
     * only through the agent's bundled BoringSSL, builds the ProcessPrng shim (installing mingw-w64 as root if
     * needed; without it the lab runs in plain text and says why). Says each step on out.
     */
    public static WineRuntime prepare(PrintWriter out) throws IOException {
        ensureWine(out);
        Path jre = ensureJre(out, cacheDir());
        WineRuntime plain = new WineRuntime(jre, null, null);
        if (tlsCapable(plain.javaVersion())) {
            return plain; // the JDK's own TLS
        }
        try {
            return new WineRuntime(jre, ensureProcessPrng(out, cacheBase().resolve("wine-processprng")), null);
        } catch (IOException | IllegalStateException e) {
            say(out, "wine: no ProcessPrng shim (" + e.getMessage() + "): the lab will run in plain text");
            return new WineRuntime(jre, null, e.getMessage());
        }
    }

    /**
     * bcryptprimitives.dll built from this jar's source (bindlab/wine/) with mingw-w64, cached in dir by the source's
     * hash. Wine 8 has no ProcessPrng, which the agent's BoringSSL needs on Windows; Wine 9 and Windows 8 have it.
     */
    static Path ensureProcessPrng(PrintWriter out, Path dir) throws IOException {
        byte[] c = resource("bindlab/wine/bcryptprimitives.c");
        byte[] def = resource("bindlab/wine/bcryptprimitives.def");
        Path dll = dir.resolve(sha256(c, def).substring(0, 16)).resolve("bcryptprimitives.dll");
        if (Files.isRegularFile(dll)) {
            return dll;
        }
        if (!Sh.onPath(MINGW_GCC)) {
            boolean root = "root".equals(System.getProperty("user.name"));
            if (!root || !Sh.onPath("apt-get")) {
                throw new IllegalStateException("mingw-w64 is not installed (as root: apt-get install " + MINGW_PACKAGE
                        + ")");
            }
            say(out, "wine: installing Debian's " + MINGW_PACKAGE + " with apt-get, to build the ProcessPrng shim ...");
            long t = System.nanoTime();
            Path here = Path.of(System.getProperty("java.io.tmpdir"));
            run(List.of("apt-get", "install", "-y", "-qq", "--no-install-recommends", MINGW_PACKAGE), here, 900,
                    "apt-get install " + MINGW_PACKAGE);
            say(out, "wine: mingw-w64 installed in " + seconds(t) + " s");
        }
        Files.createDirectories(dir);
        Path work = Files.createTempDirectory(dir, "build-");
        try {
            Files.write(work.resolve("bcryptprimitives.c"), c);
            Files.write(work.resolve("bcryptprimitives.def"), def);
            run(List.of(MINGW_GCC, "-O2", "-shared", "-o", "bcryptprimitives.dll", "bcryptprimitives.c",
                    "bcryptprimitives.def", "-ladvapi32"), work, 120, MINGW_GCC + " bcryptprimitives.c");
            Files.createDirectories(dll.getParent());
            Files.move(work.resolve("bcryptprimitives.dll"), dll, StandardCopyOption.REPLACE_EXISTING);
            say(out, "wine: built the ProcessPrng shim for Wine 8 (" + dll + ")");
            return dll;
        } finally {
            Sh.deleteTree(work);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = WineRuntime.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[]... parts) {
        try {
            java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                d.update(p);
            }
            return java.util.HexFormat.of().formatHex(d.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ${BINDLAB_WINE_JRE_DIR}, else ${XDG_CACHE_HOME:-~/.cache}/bindlab/wine-jre-1.8.0_121. */
    static Path cacheDir() {
        String own = System.getenv("BINDLAB_WINE_JRE_DIR");
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        return cacheBase().resolve("wine-jre-" + JRE_VERSION);
    }

    /** ${XDG_CACHE_HOME:-~/.cache}/bindlab. */
    static Path cacheBase() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("bindlab");
    }

    private static Path javaExeIn(Path jreHome) {
        return jreHome.resolve("bin").resolve("java.exe");
    }

    private static void ensureWine(PrintWriter out) throws IOException {
        if (Sh.onPath("wine") && Sh.onPath("wineserver") && Files.isExecutable(WINE64)) {
            return;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root || !Sh.onPath("apt-get")) {
            throw new IllegalStateException("Wine is not installed: as root run 'apt-get install wine wine64'"
                    + " (Debian 12 packages; no i386 architecture needed), then try again");
        }
        say(out, "wine: installing Debian's wine and wine64 with apt-get (about a minute) ...");
        long t = System.nanoTime();
        Path here = Path.of(System.getProperty("java.io.tmpdir"));
        run(List.of("apt-get", "update", "-qq"), here, 600, "apt-get update");
        run(List.of("apt-get", "install", "-y", "-qq", "--no-install-recommends", "wine", "wine64"), here, 900,
                "apt-get install wine wine64");
        if (!Files.isExecutable(WINE64)) {
            throw new IllegalStateException("apt-get installed wine but " + WINE64 + " is missing: install wine64");
        }
        say(out, "wine: installed in " + seconds(t) + " s");
    }

    /** The cached JRE, or fetched with mvn dependency:copy and unpacked (jre/ only) into the cache. */
    static Path ensureJre(PrintWriter out, Path cache) throws IOException {
        if (Files.isRegularFile(javaExeIn(cache))) {
            return cache;
        }
        if (!Sh.onPath("mvn")) {
            throw new IllegalStateException("no Windows JRE in " + cache + " and no mvn to fetch " + JRE_ARTIFACT
                    + " from Maven Central: install maven, or unpack a Windows x64 JRE there (bin/java.exe)");
        }
        say(out, "wine: fetching a Windows x64 Java " + JRE_VERSION + " from Maven Central (" + JRE_ARTIFACT
                + ", 66 MB) into " + cache + " ...");
        long t = System.nanoTime();
        Files.createDirectories(cache.getParent());
        Path work = Files.createTempDirectory(cache.getParent(), cache.getFileName() + ".partial-");
        try {
            run(List.of("mvn", "-B", "-q", "-ntp", "dependency:copy", "-Dartifact=" + JRE_ARTIFACT,
                    "-DoutputDirectory=" + work), work, 900, "mvn dependency:copy " + JRE_ARTIFACT);
            Path zip;
            try (Stream<Path> files = Files.list(work)) {
                zip = files.filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow(() ->
                        new IOException("mvn dependency:copy left no zip in " + work));
            }
            Path unpacked = work.resolve("jre");
            int n = unpackJre(zip, unpacked);
            if (!Files.isRegularFile(javaExeIn(unpacked))) {
                throw new IOException(zip + " has no " + JRE_IN_ZIP + "bin/java.exe (" + n + " files unpacked)");
            }
            try {
                Files.move(unpacked, cache, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.isRegularFile(javaExeIn(cache))) { // another run may have put it there meanwhile
                    throw new IOException("cannot move the JRE into " + cache + ": " + e.getMessage(), e);
                }
            }
            say(out, "wine: Windows JRE ready in " + seconds(t) + " s (" + n + " files)");
            return cache;
        } finally {
            Sh.deleteTree(work);
        }
    }

    /** Unpacks the entries under JRE_IN_ZIP into dir, refusing any entry that would land outside it. */
    static int unpackJre(Path zip, Path dir) throws IOException {
        int n = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (!e.getName().startsWith(JRE_IN_ZIP) || e.getName().equals(JRE_IN_ZIP)) {
                    continue;
                }
                Path target = dir.resolve(e.getName().substring(JRE_IN_ZIP.length())).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("zip entry outside the JRE folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Runs a setup command in dir (for mvn: a directory without a pom, so no project's reactor runs) with a bounded
     * wait; its output is shown only when it fails.
     */
    private static void run(List<String> cmd, Path dir, long timeoutS, String what) throws IOException {
        Path log = Files.createTempFile("bindlab-wine-setup-", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process p = pb.start();
            if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(what + " did not finish within " + timeoutS + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(what + " failed (exit " + p.exitValue() + "): " + tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(what + " interrupted", e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String tail(Path log) throws IOException {
        try (InputStream in = Files.newInputStream(log)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return text.length() > 2000 ? "..." + text.substring(text.length() - 2000) : text;
        }
    }

    private static void say(PrintWriter out, String line) {
        out.println(line);
        out.flush();
    }

    static long seconds(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e9);
    }
}
