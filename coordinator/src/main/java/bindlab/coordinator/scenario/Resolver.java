// Turns a step template into a concrete protocol Step for one cell: symbolic addresses and ports become literals.
package bindlab.coordinator.scenario;

import bindlab.proto.v1.Accept;
import bindlab.proto.v1.Bind;
import bindlab.proto.v1.Close;
import bindlab.proto.v1.Connect;
import bindlab.proto.v1.Endpoint;
import bindlab.proto.v1.FilterOff;
import bindlab.proto.v1.FilterOn;
import bindlab.proto.v1.Listen;
import bindlab.proto.v1.ObserveTcp;
import bindlab.proto.v1.OpenSocket;
import bindlab.proto.v1.Recv;
import bindlab.proto.v1.SendUntilBlocked;
import bindlab.proto.v1.SetOption;
import bindlab.proto.v1.Shutdown;
import bindlab.proto.v1.Step;
import bindlab.proto.v1.WaitState;
import java.util.Map;

/** addresses maps refs (target4, peer6, ...) to literals; a ref that maps to "" means the host has no such address. */
public record Resolver(String cell, int port, int peerPort, Map<String, String> addresses, int defaultTimeoutMs) {

    public static final Map<String, String> FIXED = Map.of(
            "wildcard4", "0.0.0.0", "wildcard6", "::", "loopback4", "127.0.0.1", "loopback6", "::1");

    public Step resolve(StepTemplate t) {
        Step.Builder s = Step.newBuilder().setCell(cell)
                .setTimeoutMs(t.timeoutMs() > 0 ? t.timeoutMs() : defaultTimeoutMs);
        switch (t.kind()) {
            case SOCKET -> s.setSocket(OpenSocket.newBuilder().setSocket(t.socket()).setFamily(t.family())
                    .setOtherUser(t.otherUser()));
            case SETSOCKOPT -> s.setSetsockopt(SetOption.newBuilder().setSocket(t.socket()).setOption(t.option())
                    .setValue(t.value()).setLingerSeconds(t.lingerSeconds()));
            case BIND -> s.setBind(Bind.newBuilder().setSocket(t.socket()).setLocal(endpoint(t)));
            case LISTEN -> s.setListen(Listen.newBuilder().setSocket(t.socket()).setBacklog(t.backlog()));
            case ACCEPT -> s.setAccept(Accept.newBuilder().setSocket(t.socket()).setAsSocket(t.newSocket()));
            case CONNECT -> s.setConnect(Connect.newBuilder().setSocket(t.socket()).setRemote(endpoint(t)));
            case SEND_UNTIL_BLOCKED -> s.setSendUntilBlocked(SendUntilBlocked.newBuilder().setSocket(t.socket()));
            case RECV -> s.setRecv(Recv.newBuilder().setSocket(t.socket()).setMaxBytes(t.maxBytes()));
            case SHUTDOWN -> s.setShutdown(Shutdown.newBuilder().setSocket(t.socket()).setHow(t.how()));
            case CLOSE -> s.setClose(Close.newBuilder().setSocket(t.socket()).setAbortive(t.abortive()));
            case OBSERVE -> s.setObserveTcp(ObserveTcp.newBuilder().setPort(port(t.port())));
            case WAIT_STATE -> s.setWaitState(WaitState.newBuilder().setPort(port(t.port())).setState(t.state()));
            case FILTER_ON -> s.setFilterOn(FilterOn.newBuilder().setRule(t.rule()).setDirection(t.direction())
                    .setRemote(endpoint(t)));
            case FILTER_OFF -> s.setFilterOff(FilterOff.newBuilder().setRule(t.rule()));
        }
        return s.build();
    }

    /** Whether every address ref the template names exists on these hosts. */
    public String missingAddress(StepTemplate t) {
        if (t.addr() == null || FIXED.containsKey(t.addr()) || !ScenarioParser.ADDRESS_REFS.contains(t.addr())) {
            return null;
        }
        String a = addresses.get(t.addr());
        return a == null || a.isEmpty() ? t.addr() : null;
    }

    private Endpoint endpoint(StepTemplate t) {
        String literal = FIXED.getOrDefault(t.addr(), addresses.getOrDefault(t.addr(), t.addr()));
        return Endpoint.newBuilder().setAddress(literal).setPort(port(t.port())).build();
    }

    private int port(String ref) {
        return switch (ref) {
            case "$PORT" -> port;
            case "$PEERPORT" -> peerPort;
            default -> Integer.parseInt(ref);
        };
    }
}
