// The agent's stream ended while a step was waiting: an infrastructure failure, never a measurement.
package bindlab.coordinator.hub;

public final class AgentLostException extends RuntimeException {
    public AgentLostException(String agent, String reason) {
        super("agent '" + agent + "' lost: " + reason);
    }
}
