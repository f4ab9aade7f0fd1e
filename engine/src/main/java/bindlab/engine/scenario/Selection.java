// Which scenarios a command means: "all", or comma-separated ids and globs (one Glob syntax; commas inside {a,b}
// belong to the glob). Every part must match something, so a typo is an error rather than an empty run.
package bindlab.engine.scenario;

import bindlab.engine.BadInput;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

public final class Selection {
    private final String spec;
    private final List<String> parts;

    private Selection(String spec, List<String> parts) {
        this.spec = spec;
        this.parts = parts;
    }

    /** Parses a selection; source names the option or file it came from. */
    public static Selection of(String spec, String source) {
        List<String> parts = new ArrayList<String>();
        if (!spec.trim().equals("all")) {
            int depth = 0;
            StringBuilder cur = new StringBuilder();
            for (char c : spec.toCharArray()) {
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                if (c == ',' && depth == 0) {
                    parts.add(cur.toString().trim());
                    cur.setLength(0);
                } else {
                    cur.append(c);
                }
            }
            parts.add(cur.toString().trim());
            for (String p : parts) {
                if (p.isEmpty()) {
                    throw BadInput.of(source, "empty part in '" + spec + "'");
                }
                if (Glob.isGlob(p)) {
                    Glob.of(p, source); // syntax errors now, not at first use
                }
            }
        }
        return new Selection(spec, parts);
    }

    public static Selection all() {
        return new Selection("all", new ArrayList<String>());
    }

    public boolean isAll() {
        return parts.isEmpty();
    }

    /** The chosen scenarios in catalog order; BadInput naming the first part that matches none. */
    public List<Scenario> choose(List<Scenario> available, String source) {
        if (isAll()) {
            return available;
        }
        Map<String, Scenario> byId = new LinkedHashMap<String, Scenario>();
        for (Scenario s : available) {
            byId.put(s.id(), s);
        }
        List<Scenario> out = new ArrayList<Scenario>();
        for (String id : chooseIds(new ArrayList<String>(byId.keySet()), source)) {
            out.add(byId.get(id));
        }
        return out;
    }

    /** The chosen ids, each part's matches in the order given, without repeats; BadInput as choose. */
    List<String> chooseIds(List<String> available, String source) {
        if (isAll()) {
            return available;
        }
        Set<String> chosen = new LinkedHashSet<String>();
        for (String p : parts) {
            Glob g = Glob.isGlob(p) ? Glob.of(p, source) : null;
            boolean hit = false;
            for (String id : available) {
                if (g != null ? g.matches(id) : id.equals(p)) {
                    chosen.add(id);
                    hit = true;
                }
            }
            if (!hit) {
                throw BadInput.of(source, "no scenario matches '" + p + "'; see 'bindlab scenarios list'");
            }
        }
        return new ArrayList<String>(chosen);
    }

    /** The same choice over bare ids (a store's); each part must match one of the known ids. */
    public java.util.function.Predicate<String> over(Collection<String> known, String source) {
        if (isAll()) {
            return id -> true;
        }
        final List<java.util.function.Predicate<String>> tests = new ArrayList<java.util.function.Predicate<String>>();
        for (String p : parts) {
            final Glob g = Glob.isGlob(p) ? Glob.of(p, source) : null;
            java.util.function.Predicate<String> t = g != null ? g::matches : p::equals;
            boolean any = false;
            for (String id : known) {
                if (t.test(id)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                throw BadInput.of(source, "no scenario in the store(s) matches '" + p + "'");
            }
            tests.add(t);
        }
        return id -> {
            for (java.util.function.Predicate<String> t : tests) {
                if (t.test(id)) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * The scenarios spec chooses from a named built-in catalog plus files (option names the option for messages); a
     * part that matches only in the full catalog is an error that says to add --catalog full. Ids are chosen first,
     * so only the chosen built-in scenarios are parsed.
     */
    public static List<Scenario> choose(String catalog, String spec, String option, List<java.nio.file.Path> files) {
        if (!Catalog.NAMES.contains(catalog)) {
            throw BadInput.of("--catalog", "'" + catalog + "' is not a catalog; catalogs: " + Catalog.NAMES);
        }
        Selection sel = of(spec, option);
        List<Scenario> fromFiles = new ArrayList<Scenario>();
        for (java.nio.file.Path f : files) {
            fromFiles.addAll(ScenarioParser.read(f));
        }
        try {
            return sel.choose(catalog, fromFiles, option);
        } catch (BadInput e) {
            if (catalog.equals(Catalog.FULL)) {
                throw e;
            }
            try {
                sel.choose(Catalog.FULL, fromFiles, option);
            } catch (BadInput alsoThere) {
                throw e;
            }
            throw BadInput.of(option, "'" + spec + "' names scenarios of the full catalog only: add --catalog full");
        }
    }

    private List<Scenario> choose(String catalog, List<Scenario> fromFiles, String source) {
        List<String> ids = new ArrayList<String>(Catalog.ids(catalog));
        Map<String, Scenario> files = byId(new HashSet<String>(ids), fromFiles);
        ids.addAll(files.keySet());
        List<Scenario> out = new ArrayList<Scenario>();
        for (String id : chooseIds(ids, source)) {
            Scenario s = files.get(id);
            out.add(s != null ? s : Catalog.find(id));
        }
        return out;
    }

    /** Where a run's scenarios came from, for its plan: the catalog, and the selection when it is not all of it. */
    public static String describe(String catalog, String spec) {
        return spec.trim().equals("all") ? catalog : catalog + " --scenarios " + spec.trim();
    }

    /** The default catalog plus scenario files; an id defined twice is an error naming both places. */
    public static List<Scenario> available(List<java.nio.file.Path> files) {
        return available(Catalog.DEFAULT, files);
    }

    /** A named built-in catalog plus scenario files; an id defined twice is an error naming both places. */
    public static List<Scenario> available(String catalog, List<java.nio.file.Path> files) {
        List<Scenario> found = new ArrayList<Scenario>();
        for (java.nio.file.Path f : files) {
            found.addAll(ScenarioParser.read(f));
        }
        List<Scenario> all = new ArrayList<Scenario>(Catalog.builtIn(catalog));
        all.addAll(byId(new HashSet<String>(Catalog.ids(catalog)), found).values());
        return all;
    }

    /** Scenarios from files by id; an id defined twice, or one the catalog (ids) has, is an error naming both places. */
    private static Map<String, Scenario> byId(Set<String> catalogIds, List<Scenario> fromFiles) {
        Map<String, Scenario> out = new LinkedHashMap<String, Scenario>();
        for (Scenario s : fromFiles) {
            Scenario before = out.get(s.id());
            String beforeAt = before != null ? before.source() : catalogIds.contains(s.id()) ? Catalog.source(s.id()) : null;
            if (beforeAt != null) {
                String[] at = s.source().split(":(?=[0-9]+$)");
                throw new BadInput(at[0], at.length > 1 ? Integer.parseInt(at[1]) : 0, "scenario",
                        "id '" + s.id() + "' is already defined at " + beforeAt);
            }
            out.put(s.id(), s);
        }
        return out;
    }

    @Override
    public String toString() {
        return spec;
    }
}
