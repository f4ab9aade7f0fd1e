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

    /** The ids of the built-in catalog (the full one: it holds the default one). */
    public static List<String> catalogIds() {
        return Catalog.ids(Catalog.FULL);
    }

    /** Normalized dimensions (see normalize), or an empty map when neither the catalog nor the id says. */
    public static Map<String, String> of(String id) {
        Scenario sc = Catalog.find(id);
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
                case "bound", "listen", "listen+accepted", "closed-listener" -> {
                    d.put("lingering", switch (p[0]) {
                        case "bound" -> "bound";
                        case "listen" -> "listening";
                        case "listen+accepted" -> "listening+accepted";
                        default -> "closed-listener";
                    });
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
                    if (p[1].equals("listening")) {
                        d.put("lingering", "listening");
                    } else { // the seed's connections are accepted, the handle kept only while ESTABLISHED
                        d.put("lingering", "connection");
                        d.put("state", p[1]);
                        d.put("handle", p[1].equals("ESTABLISHED") ? "open" : "orphan");
                        d.put("origin", "accepted");
                    }
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

    /** Every scenario says its user: the same one unless the id or the catalog says another. */
    static Map<String, String> normalize(Map<String, String> dims) {
        Map<String, String> d = new LinkedHashMap<>(dims);
        d.putIfAbsent("user", "same");
        return d;
    }
}
