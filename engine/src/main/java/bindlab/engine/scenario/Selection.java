// Which scenarios a command means: "all", or comma-separated ids and globs (one Glob syntax; commas inside {a,b}
// belong to the glob). Every part must match something, so a typo is an error rather than an empty run.
package bindlab.engine.scenario;

import bindlab.engine.BadInput;
import java.util.ArrayList;
import java.util.Collection;
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
        Set<Scenario> chosen = new LinkedHashSet<Scenario>();
        for (String p : parts) {
            List<Scenario> hits = new ArrayList<Scenario>();
            Glob g = Glob.isGlob(p) ? Glob.of(p, source) : null;
            for (Scenario s : available) {
                if (g != null ? g.matches(s.id()) : s.id().equals(p)) {
                    hits.add(s);
                }
            }
            if (hits.isEmpty()) {
                throw BadInput.of(source, "no scenario matches '" + p + "'; see 'bindlab scenarios list'");
            }
            chosen.addAll(hits);
        }
        return new ArrayList<Scenario>(chosen);
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

    /** The built-in catalog plus scenario files; an id defined twice is an error naming both places. */
    public static List<Scenario> available(List<java.nio.file.Path> files) {
        Map<String, Scenario> all = new LinkedHashMap<String, Scenario>();
        List<Scenario> found = new ArrayList<Scenario>(Catalog.builtIn());
        for (java.nio.file.Path f : files) {
            found.addAll(ScenarioParser.read(f));
        }
        for (Scenario s : found) {
            Scenario before = all.get(s.id());
            if (before != null) {
                String[] at = s.source().split(":(?=[0-9]+$)");
                throw new BadInput(at[0], at.length > 1 ? Integer.parseInt(at[1]) : 0, "scenario",
                        "id '" + s.id() + "' is already defined at " + before.source());
            }
            all.put(s.id(), s);
        }
        return new ArrayList<Scenario>(all.values());
    }

    @Override
    public String toString() {
        return spec;
    }
}
