// The dimensions of a scenario, by id: from the built-in catalog, else read back from the id itself, since built-in
// ids are built from their dimensions (a store written by an older catalog still has readable ids).
package bindlab.coordinator.answers;

import bindlab.engine.scenario.Catalog;
import bindlab.engine.scenario.Scenario;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class ScenarioDims {
    private ScenarioDims() {
    }

    /** The ids of the built-in catalog. */
    public static java.util.Set<String> catalogIds() {
        return Catalog.byId().keySet();
    }

    /** Normalized dimensions (see normalize), or an empty map when neither the catalog nor the id says. */
    public static Map<String, String> of(String id) {
        Scenario sc = Catalog.byId().get(id);
        Map<String, String> dims = sc == null ? null : sc.dims();
        Map<String, String> found = dims != null && dims.containsKey("second") ? dims : fromId(id);
        return found.isEmpty() ? found : normalize(found);
    }

    /** Reads conn/, bound/, listen/, empty/, seed/ and control/ ids back into dimensions. */
    static Map<String, String> fromId(String id) {
        String[] p = id.split("/");
        Map<String, String> d = new LinkedHashMap<>();
        try {
            switch (p[0]) {
                case "conn" -> {
                    d.put("lingering", "connection");
                    d.put("state", p[1]);
                    d.put("handle", p[2]);
                    d.put("origin", p[3]);
                    pairs(d, p[4], p[5]);
                    d.put("family", p[6]);
                    rest(d, p, 7);
                }
                case "bound", "listen" -> {
                    d.put("lingering", p[0].equals("bound") ? "bound" : "listening");
                    pairs(d, p[1], p[2]);
                    d.put("family", p[3]);
                    rest(d, p, 4);
                }
                case "empty" -> {
                    d.put("lingering", "nothing");
                    d.put("second", p[1]);
                    d.put("second_addr", p[2]);
                    d.put("family", p[3]);
                }
                case "seed" -> {
                    d.put("lingering", p[1]);
                    String[] o = p[2].split(">");
                    d.put("first", o[0]);
                    d.put("second", o[1]);
                    d.put("first_addr", "wild");
                    d.put("second_addr", "wild");
                    d.put("family", "v4");
                }
                default -> {
                    return Map.of();
                }
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            return Map.of(); // not an id of the built-in shape: described by its id alone
        }
        return d;
    }

    private static void pairs(Map<String, String> d, String options, String addresses) {
        String[] o = options.split(">");
        String[] a = addresses.split(">");
        d.put("first", o[0]);
        d.put("second", o[1]);
        d.put("first_addr", a[0]);
        d.put("second_addr", a[1]);
    }

    private static void rest(Map<String, String> d, String[] p, int from) {
        for (int i = from; i < p.length; i++) {
            if (p[i].equals("other-user")) {
                d.put("user", "other");
            } else {
                d.put("technique", p[i]);
            }
        }
    }

    /**
     * One vocabulary for both sources: the seed's "wildcard" is "wild", and its lingering ESTABLISHED, FIN_WAIT_2 and
     * TIME_WAIT are accepted connections (handle kept only for ESTABLISHED), as its scripts do.
     */
    static Map<String, String> normalize(Map<String, String> dims) {
        Map<String, String> d = new LinkedHashMap<>(dims);
        d.replaceAll((k, v) -> v.equals("wildcard") ? "wild" : v.equals("specific") ? "spec" : v);
        String lingering = d.getOrDefault("lingering", "");
        if (List.of("ESTABLISHED", "FIN_WAIT_2", "TIME_WAIT").contains(lingering)) {
            d.put("lingering", "connection");
            d.put("state", lingering);
            d.put("origin", "accepted");
            d.put("handle", lingering.equals("ESTABLISHED") ? "open" : "orphan");
        }
        d.putIfAbsent("user", "same");
        return d;
    }
}
