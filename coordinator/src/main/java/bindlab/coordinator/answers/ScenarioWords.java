// Turns scenario dimensions into words a maintainer can paste: "SO_EXCLUSIVEADDRUSE → SO_EXCLUSIVEADDRUSE over an
// accepted FIN_WAIT_2 connection (handle closed), IPv4, wildcard → wildcard". Several scenarios are described by
// their common parts, with the varying ones listed (up to three values) or counted.
package bindlab.coordinator.answers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class ScenarioWords {
    private static final int LISTED = 3;

    private ScenarioWords() {
    }

    /** One scenario in words; its id when it has no dimensions. */
    public static String describe(String scenarioId) {
        return describe(List.of(scenarioId));
    }

    /** Scenarios in words: common parts named, varying parts listed or counted, then "(N scenarios)" if several. */
    public static String describe(List<String> scenarioIds) {
        List<Map<String, String>> all = scenarioIds.stream().map(ScenarioDims::of).toList();
        // described in words only when every scenario has the dimensions a sentence needs
        if (all.stream().anyMatch(d -> !d.containsKey("second") || !d.containsKey("family") || !d.containsKey("lingering"))) {
            return scenarioIds.size() == 1 ? scenarioIds.get(0) : scenarioIds.size() + " scenarios";
        }
        Map<String, List<String>> merged = new LinkedHashMap<>();
        for (Map<String, String> dims : all) {
            dims.forEach((k, v) -> merged.computeIfAbsent(k, x -> new ArrayList<>()));
        }
        for (Map<String, String> dims : all) {
            merged.forEach((k, values) -> {
                String v = dims.getOrDefault(k, "");
                if (!values.contains(v)) {
                    values.add(v);
                }
            });
        }
        String text = sentence(merged);
        return scenarioIds.size() > 1 ? text + " (" + scenarioIds.size() + " scenarios)" : text;
    }

    /**
     * What lingers on the port, the family and whose the second socket is, without the options and addresses: the
     * title of a bind table ("over an accepted TIME_WAIT connection (handle closed), IPv4").
     */
    public static String situation(Map<String, String> dims) {
        Map<String, List<String>> d = new LinkedHashMap<>();
        ScenarioDims.normalize(dims).forEach((k, v) -> d.put(k, List.of(v)));
        StringBuilder out = new StringBuilder(lingering(d));
        if (d.containsKey("family")) {
            out.append(", ").append(family(d.get("family").get(0)));
        }
        if (d.get("user").equals(List.of("other"))) {
            out.append(", second socket another user's");
        }
        return out.toString();
    }

    static String sentence(Map<String, List<String>> d) {
        StringBuilder out = new StringBuilder();
        if (d.containsKey("first") && !d.get("first").equals(List.of(""))) {
            out.append(words(d.get("first"), "options", ScenarioWords::option)).append(" → ");
        }
        out.append(words(d.get("second"), "options", ScenarioWords::option));
        out.append(' ').append(lingering(d));
        out.append(", ").append(words(d.get("family"), "families", ScenarioWords::family));
        if (d.containsKey("second_addr")) {
            out.append(", ");
            if (d.containsKey("first_addr") && !d.get("first_addr").equals(List.of(""))) {
                out.append(words(d.get("first_addr"), "addresses", ScenarioWords::address)).append(" → ");
            }
            out.append(words(d.get("second_addr"), "addresses", ScenarioWords::address));
        }
        List<String> users = d.getOrDefault("user", List.of("same"));
        if (users.equals(List.of("other"))) {
            out.append(", second socket another user's");
        } else if (users.size() > 1) {
            out.append(", second socket the same or another user's");
        }
        return out.toString();
    }

    private static String lingering(Map<String, List<String>> d) {
        List<String> kinds = d.getOrDefault("lingering", List.of(""));
        if (kinds.size() > 1) {
            return "over " + words(kinds, "kinds of lingering socket", ScenarioWords::kind);
        }
        return switch (kinds.get(0)) {
            case "nothing" -> "on a fresh port";
            case "bound" -> "over a bound socket";
            case "listening" -> "over an open listener";
            case "connection" -> connection(d);
            default -> "with " + kinds.get(0) + " lingering";
        };
    }

    private static String connection(Map<String, List<String>> d) {
        List<String> states = d.getOrDefault("state", List.of(""));
        List<String> origins = d.getOrDefault("origin", List.of(""));
        if (states.equals(List.of("backlog"))) {
            return "over a connection never accepted (listener closed)";
        }
        if (states.equals(List.of("SYN_RECV"))) {
            return "over a half-open SYN_RECV connection (" + words(origins, "listener states",
                    o -> o.replace("listener-", "listener ")) + technique(d) + ")";
        }
        String origin = words(origins, "origins", o -> o);
        String article = origin.matches("^[aeiouAEIOU0-9].*") ? "an" : "a";
        return "over " + article + " " + origin + " " + words(states, "states", s -> s) + " connection ("
                + words(d.getOrDefault("handle", List.of("")), "handle states", ScenarioWords::handle) + technique(d) + ")";
    }

    private static String technique(Map<String, List<String>> d) {
        List<String> t = new ArrayList<>(d.getOrDefault("technique", List.of("")));
        boolean some = t.remove("");
        if (t.isEmpty()) {
            return "";
        }
        return ", " + words(t, "techniques", ScenarioWords::techniqueWord) + (some ? " where needed" : "");
    }

    /** One value as a word; up to three as "a/b/c"; more as "N <plural>". */
    static String words(List<String> values, String plural, java.util.function.Function<String, String> word) {
        if (values.size() > LISTED) {
            return values.size() + " " + plural;
        }
        return String.join("/", values.stream().map(word).toList());
    }

    public static String option(String o) {
        if (o.equals("none") || o.isEmpty()) {
            return "no option";
        }
        return String.join("+", java.util.Arrays.stream(o.split("\\+")).map(x -> "SO_" + x).toList());
    }

    public static String family(String f) {
        return switch (f) {
            case "v4" -> "IPv4";
            case "v6" -> "IPv6";
            case "dual" -> "dual-stack";
            default -> f;
        };
    }

    public static String address(String a) {
        return switch (a) {
            case "wild" -> "wildcard";
            case "spec" -> "specific";
            default -> a;
        };
    }

    private static String handle(String h) {
        return switch (h) {
            case "open" -> "handle open";
            case "orphan" -> "handle closed";
            default -> h;
        };
    }

    private static String techniqueWord(String t) {
        return switch (t) {
            case "zerowindow" -> "held by a zero window";
            case "filter" -> "held by a packet filter";
            default -> t;
        };
    }

    private static String kind(String k) {
        return switch (k) {
            case "nothing" -> "nothing";
            case "bound" -> "a bound socket";
            case "listening" -> "a listener";
            case "connection" -> "a connection";
            default -> k;
        };
    }
}
