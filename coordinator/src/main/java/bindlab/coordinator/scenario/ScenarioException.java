// A malformed scenario file: the message names the file, the line and the field that is wrong.
package bindlab.coordinator.scenario;

public final class ScenarioException extends RuntimeException {
    public ScenarioException(String source, int line, String field, String problem) {
        super(source + ":" + line + ": " + field + ": " + problem);
    }
}
