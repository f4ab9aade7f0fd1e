// The script verbs, one per typed Step in the protocol.
package bindlab.coordinator.scenario;

import java.util.Arrays;
import java.util.Optional;

public enum StepKind {
    SOCKET("socket"), SETSOCKOPT("setsockopt"), BIND("bind"), LISTEN("listen"), ACCEPT("accept"),
    CONNECT("connect"), SEND_UNTIL_BLOCKED("send-until-blocked"), RECV("recv"), SHUTDOWN("shutdown"),
    CLOSE("close"), OBSERVE("observe"), WAIT_STATE("wait-state"), FILTER_ON("filter-on"), FILTER_OFF("filter-off");

    public final String word;

    StepKind(String word) {
        this.word = word;
    }

    public static Optional<StepKind> of(String word) {
        return Arrays.stream(values()).filter(k -> k.word.equals(word)).findFirst();
    }
}
