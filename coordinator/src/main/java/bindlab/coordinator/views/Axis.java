// One heading of a bind table: a socket's option set ("none", "REUSEADDR", "REUSEADDR+EXCLUSIVEADDRUSE") and its
// address ("wild", "spec"), as the catalog's dimensions name them; option "" when the situation has no first socket.
package bindlab.coordinator.views;

import bindlab.coordinator.answers.ScenarioWords;

public record Axis(String option, String address) {
    /** "SO_REUSEADDR, wildcard"; "no option, specific". */
    public String words() {
        return option.isEmpty() ? ScenarioWords.address(address) : ScenarioWords.option(option) + ", "
                + ScenarioWords.address(address);
    }
}
