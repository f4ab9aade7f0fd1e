// Chooses scenarios by "all", exact ids or globs, and loads user scenario files next to the built-in catalog.
package bindlab.coordinator.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

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
        Predicate<String> p = pattern(want);
        return available.stream().filter(s -> p.test(s.id())).toList();
    }

    /**
     * The same choice over bare ids (a store's, which may name scenarios no longer in any file): "all", or
     * comma-separated ids and globs, each of which must match one of the known ids.
     */
    public static Predicate<String> ids(Collection<String> known, String spec) {
        if (spec.equals("all")) {
            return id -> true;
        }
        List<Predicate<String>> parts = new ArrayList<>();
        for (String part : spec.split(",")) {
            String want = part.strip();
            Predicate<String> p = pattern(want);
            if (known.stream().noneMatch(p)) {
                throw new IllegalArgumentException("no scenario in the store(s) matches '" + want + "'");
            }
            parts.add(p);
        }
        return id -> parts.stream().anyMatch(p -> p.test(id));
    }

    /** An exact id, or a glob when it has * or ? ("*" stays within one /-separated part, "**" crosses them). */
    private static Predicate<String> pattern(String want) {
        if (!want.contains("*") && !want.contains("?")) {
            return want::equals;
        }
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + want);
        return id -> glob.matches(Path.of(id));
    }
}
