// Test support: an Agent with no process and no socket. It runs batches with the agent's stop rules, answers each
// step from a responder the test sets, shows a TCP table the test sets, and can be "lost".
package bindlab.engine.run;

import bindlab.proto.v1.Capabilities;
import bindlab.proto.v1.Endpoint;
import bindlab.proto.v1.Hello;
import bindlab.proto.v1.HostIdentity;
import bindlab.proto.v1.PortRange;
import bindlab.proto.v1.SockOption;
import bindlab.proto.v1.Step;
import bindlab.proto.v1.StepResult;
import bindlab.proto.v1.StepStatus;
import bindlab.proto.v1.TcpRow;
import bindlab.proto.v1.TcpState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

final class FakeAgent implements Agent {
    final String name;
    volatile Hello hello;
    /** Per step: a result, or null for the default: OK, and a table that follows the steps (below). */
    volatile Function<Step, StepResult> responder = s -> null;
    /** A TCP table the test fixes: port -> states; ports not in it follow the steps. */
    final Map<Integer, List<TcpState>> table = new ConcurrentHashMap<Integer, List<TcpState>>();
    /** The table that follows the steps: a listening socket shows LISTEN, a wait-state is reached at once. */
    private final Map<String, Integer> boundPort = new ConcurrentHashMap<String, Integer>();
    private final Map<String, Integer> listening = new ConcurrentHashMap<String, Integer>();
    private final Map<Integer, TcpState> reached = new ConcurrentHashMap<Integer, TcpState>();
    /** Every batch received, in order. */
    final List<List<Step>> batches = new CopyOnWriteArrayList<List<Step>>();
    volatile boolean lost;

    FakeAgent(String name, int low, int high, SockOption... options) {
        this.name = name;
        Capabilities.Builder caps = Capabilities.newBuilder().setPacketFilter(true).setIpv6(true);
        for (SockOption o : options) {
            caps.addOptions(o);
        }
        this.hello = Hello.newBuilder().setAgentName(name).setAddressV4("192.0.2.1").setAddressV6("")
                .setIdentity(HostIdentity.newBuilder().setOsFamily("fake"))
                .setPorts(PortRange.newBuilder().setLow(low).setHigh(high)).setCapabilities(caps).build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Hello hello() {
        return hello;
    }

    @Override
    public CompletableFuture<List<StepResult>> run(List<Step> steps) {
        CompletableFuture<List<StepResult>> f = new CompletableFuture<List<StepResult>>();
        if (lost) {
            f.completeExceptionally(new InfraFailure("agent '" + name + "' lost: test"));
            return f;
        }
        batches.add(new ArrayList<Step>(steps));
        List<StepResult> out = new ArrayList<StepResult>();
        boolean stopped = false;
        for (Step s : steps) {
            if (stopped && !s.getAlways()) {
                continue;
            }
            StepResult r = responder.apply(s);
            if (r == null) {
                r = standard(s);
            }
            r = r.toBuilder().setStepId(s.getId()).build();
            out.add(r);
            stopped |= r.getStatus() != StepStatus.OK && !s.getGoOnError();
            if (lost) {
                f.completeExceptionally(new InfraFailure("agent '" + name + "' lost mid-batch: test"));
                return f;
            }
        }
        f.complete(out);
        return f;
    }

    private synchronized StepResult standard(Step s) {
        StepResult.Builder b = StepResult.newBuilder().setStatus(StepStatus.OK);
        String key = s.getCell() + "/";
        if (s.hasBind()) {
            boundPort.put(key + s.getBind().getSocket(), s.getBind().getLocal().getPort());
        } else if (s.hasListen() && boundPort.containsKey(key + s.getListen().getSocket())) {
            listening.put(key + s.getListen().getSocket(), boundPort.get(key + s.getListen().getSocket()));
        } else if (s.hasClose()) {
            listening.remove(key + s.getClose().getSocket());
        } else if (s.hasWaitState() && s.getWaitState().getState() == TcpState.TCP_STATE_UNSPECIFIED) {
            reached.remove(s.getWaitState().getPort()); // "none": nothing left on the port
        } else if (s.hasWaitState()) {
            reached.put(s.getWaitState().getPort(), s.getWaitState().getState());
        } else if (s.hasRelease()) {
            for (String k : new ArrayList<String>(boundPort.keySet())) {
                if (k.startsWith(key)) {
                    reached.remove(boundPort.remove(k));
                    listening.remove(k);
                }
            }
        } else if (s.hasObserveTcp()) {
            int from = s.getObserveTcp().getPort();
            int to = Math.max(from, s.getObserveTcp().getPortHigh());
            for (int port = from; port <= to; port++) {
                for (TcpState st : rows(port)) {
                    b.addRows(TcpRow.newBuilder().setLocal(Endpoint.newBuilder().setPort(port)).setState(st));
                }
            }
        }
        return b.build();
    }

    private List<TcpState> rows(int port) {
        if (table.containsKey(port)) {
            return table.get(port);
        }
        List<TcpState> out = new ArrayList<TcpState>();
        if (listening.containsValue(port)) {
            out.add(TcpState.LISTEN);
        }
        if (reached.containsKey(port) && !out.contains(reached.get(port))) {
            out.add(reached.get(port));
        }
        return out;
    }

    static StepResult error(String name, int code, String call) {
        return StepResult.newBuilder().setStatus(StepStatus.ERROR).setErrorName(name).setRawCode(code).setCall(call).build();
    }

    /** Every step this agent was sent, flattened. */
    List<Step> steps() {
        List<Step> out = new ArrayList<Step>();
        for (List<Step> b : batches) {
            out.addAll(b);
        }
        return out;
    }
}
