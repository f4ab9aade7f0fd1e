// Chooses scenarios by "all", exact ids or globs, and loads user scenario files next to the built-in catalog.
package bindlab.coordinator.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class Selection {
    private Selection() {
    }

    /** The built-in catalog plus the given files; an id defined twice is an error naming both places. */
    public static List<Scenario> available(List<Path> files) throws IOException {
        Map<String, Scenario> all = new LinkedHashMap<>();
        List<Scenario> found = new ArrayList<>(Catalog.builtIn());
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new IOException("scenario file not found: " + f);
            }
            found.addAll(ScenarioParser.parse(f.toString(), Files.readString(f, StandardCharsets.UTF_8)));
        }
        for (Scenario s : found) {
            Scenario before = all.putIfAbsent(s.id(), s);
            if (before != null) {
                throw new IllegalArgumentException("scenario id '" + s.id() + "' is defined at " + before.source()
                        + " and again at " + s.source());
            }
        }
        return new ArrayList<>(all.values());
    }

    /** "all", or comma-separated ids and globs ("seed/*" + "/REUSEADDR*"); each must match something. */
    public static List<Scenario> select(List<Scenario> available, String spec) {
        if (spec.equals("all")) {
            return available;
        }
        List<Scenario> chosen = new ArrayList<>();
        for (String part : spec.split(",")) {
            String want = part.strip();
            List<Scenario> hits = matches(available, want);
            if (hits.isEmpty()) {
                throw new IllegalArgumentException("no scenario matches '" + want + "'; see 'bindlab scenarios list'");
            }
            hits.stream().filter(s -> !chosen.contains(s)).forEach(chosen::add);
        }
        return chosen;
    }

    static List<Scenario> matches(List<Scenario> available, String want) {
        if (!want.contains("*") && !want.contains("?")) {
            return available.stream().filter(s -> s.id().equals(want)).toList();
        }
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + want);
        return available.stream().filter(s -> glob.matches(Path.of(s.id()))).toList();
    }
}
