// Test support: loads a report in headless Chromium (Debian's chromium package) and reads the DOM after its script
// ran, then compares the rendered grid with the JSON matrix. Missing Chromium fails on Linux (CI installs it).
package bindlab.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import bindlab.proto.v1.MatrixCell;
import bindlab.proto.v1.MatrixReport;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import bindlab.coordinator.CiRequirement;

public final class Browser {
    private static final Pattern TAG =
            Pattern.compile("<(td|th|tr|table|section|aside|body)((?:\\s+[^\\s=>]+(?:=\"[^\"]*\")?)*)\\s*>");
    private static final Pattern ATTR = Pattern.compile("([^\\s=>]+)(?:=\"([^\"]*)\")?");

    private Browser() {
    }

    /** The chromium binary on PATH; on Linux its absence fails the test with what to install. */
    public static Path chromium() {
        if (!System.getProperty("os.name").toLowerCase().contains("linux")) {
            CiRequirement.require(false, "the browser test", "it runs Debian's chromium, on Linux only");
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path p = Path.of(dir, "chromium");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return fail("chromium is not installed (no 'chromium' on PATH): the HTML report test needs Debian's chromium"
                + " package: apt-get install -y chromium (.ci/run installs it)");
    }

    /** The document as Chromium serializes it after loading html (file URL plus fragment) and running its script. */
    public static String dumpDom(Path html, String fragment) throws IOException, InterruptedException {
        Path chromium = chromium();
        Path profile = Files.createTempDirectory("bindlab-chromium-");
        Path dom = profile.resolve("dom.html");
        Path log = profile.resolve("chromium.log");
        try {
            Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--user-data-dir=" + profile.resolve("profile"), "--dump-dom",
                    html.toAbsolutePath().toUri() + fragment)
                    .redirectOutput(dom.toFile()).redirectError(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("chromium did not finish within 120 s; its log: " + Files.readString(log));
            }
            assertThat(p.exitValue()).as("chromium exit code; its log: %s", Files.readString(log)).isZero();
            return Files.readString(dom, StandardCharsets.UTF_8);
        } finally {
            try (Stream<Path> all = Files.walk(profile)) {
                all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** A start tag of the dump: its name and attributes (values unescaped). */
    public record Tag(String name, Map<String, String> attrs) {
    }

    /** Every start tag of one name (td, th, tr, table, section, aside, body) as attribute maps, in order. */
    public static List<Map<String, String>> tags(String dom, String name) {
        return sequence(dom).stream().filter(t -> t.name().equals(name)).map(Tag::attrs).toList();
    }

    /** Every td, th, tr, table, section, aside and body start tag of the dump, in document order. */
    public static List<Tag> sequence(String dom) {
        List<Tag> out = new ArrayList<>();
        Matcher t = TAG.matcher(dom);
        while (t.find()) {
            Map<String, String> attrs = new LinkedHashMap<>();
            Matcher a = ATTR.matcher(t.group(2));
            while (a.find()) {
                attrs.put(a.group(1), a.group(2) == null ? "" : unescape(a.group(2)));
            }
            out.add(new Tag(t.group(1), attrs));
        }
        return out;
    }

    static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'")
                .replace("&nbsp;", "\u00a0").replace("&amp;", "&");
    }

    /**
     * The rendered grid shows exactly the JSON's cells: one td per cell with its row, scenario and outcome, one
     * "not run" td for every other (row, scenario) pair, and a header per row.
     */
    public static void assertGridMatches(String dom, MatrixReport json) {
        assertThat(tags(dom, "body")).singleElement().satisfies(b ->
                assertThat(b.get("data-rendered")).as("the page's script ran to its end").isEqualTo(
                        String.valueOf(json.getCellsCount())));
        Map<String, String> expected = new HashMap<>();
        for (MatrixCell c : json.getCellsList()) {
            expected.put(c.getRow() + " | " + c.getScenarioId(), c.getOutcome());
        }
        Map<String, String> rendered = new HashMap<>();
        int notRun = 0;
        for (Map<String, String> td : tags(dom, "td")) {
            if (td.containsKey("data-table-cell")) {
                continue; // the bind tables view, checked by assertTablesMatch
            }
            if (td.containsKey("data-outcome")) {
                String key = td.get("data-host") + " | " + td.get("data-scenario");
                assertThat(rendered.put(key, td.get("data-outcome"))).as("rendered twice: " + key).isNull();
            } else if (td.containsKey("data-notrun")) {
                notRun++;
                assertThat(expected).doesNotContainKey(td.get("data-host") + " | " + td.get("data-scenario"));
            }
        }
        List<String> wrong = new ArrayList<>();
        expected.forEach((key, outcome) -> {
            if (!outcome.equals(rendered.get(key))) {
                wrong.add(key + ": JSON " + outcome + ", page " + rendered.get(key));
            }
        });
        rendered.keySet().stream().filter(k -> !expected.containsKey(k)).forEach(k -> wrong.add(k + ": not in the JSON"));
        assertThat(wrong).as("cells whose rendered outcome differs from the JSON").isEmpty();
        assertThat(rendered).hasSize(json.getCellsCount());
        assertThat(notRun).isEqualTo(json.getRowsCount() * json.getColumnsCount() - json.getCellsCount());
        assertThat(tags(dom, "th").stream().filter(th -> th.containsKey("data-host")).map(th -> th.get("data-host")))
                .containsExactlyElementsOf(json.getRowsList().stream().map(r -> r.getRow()).toList());
    }
}
