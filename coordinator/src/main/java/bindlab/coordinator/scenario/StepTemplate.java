// One parsed script line: a typed step with symbolic addresses and ports, resolved per cell by Resolver.
package bindlab.coordinator.scenario;

import bindlab.proto.v1.Family;
import bindlab.proto.v1.FilterDirection;
import bindlab.proto.v1.ShutdownHow;
import bindlab.proto.v1.SockOption;
import bindlab.proto.v1.TcpState;

/**
 * Fields not used by a kind stay null/zero. addr is a symbolic ref (wildcard4, target4, ...) or a numeric
 * literal; port is "$PORT", "$PEERPORT" or a number.
 */
public record StepTemplate(
        int line,
        String text,
        Role role,
        boolean probe,
        StepKind kind,
        String socket,
        String newSocket,
        Family family,
        SockOption option,
        int value,
        int lingerSeconds,
        String addr,
        String port,
        int backlog,
        ShutdownHow how,
        boolean abortive,
        TcpState state,
        String rule,
        FilterDirection direction,
        int maxBytes,
        int timeoutMs,
        boolean otherUser,
        Expect expect) {

    /** What a line expects: OK unless written otherwise; a trailing '?' makes it a hint only. */
    public record Expect(String outcome, boolean enforced) {
        public static final Expect OK = new Expect("OK", true);
        public static final Expect ANY = new Expect("any", false);

        public boolean accepts(String got) {
            return !enforced || outcome.equals(got);
        }
    }
}
