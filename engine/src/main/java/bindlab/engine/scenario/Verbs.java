// The table of script verbs, one entry each: how a line parses and which protocol Step it becomes. Adding a verb
// means one entry here, one handler in the agent's StepHandlers, the proto message and the platform call.
package bindlab.engine.scenario;

import bindlab.proto.v1.Accept;
import bindlab.proto.v1.Bind;
import bindlab.proto.v1.Close;
import bindlab.proto.v1.Connect;
import bindlab.proto.v1.Family;
import bindlab.proto.v1.FilterDirection;
import bindlab.proto.v1.FilterOff;
import bindlab.proto.v1.FilterOn;
import bindlab.proto.v1.Listen;
import bindlab.proto.v1.ObserveTcp;
import bindlab.proto.v1.OpenSocket;
import bindlab.proto.v1.Recv;
import bindlab.proto.v1.SendUntilBlocked;
import bindlab.proto.v1.SetOption;
import bindlab.proto.v1.ShutdownHow;
import bindlab.proto.v1.SockOption;
import bindlab.proto.v1.Shutdown;
import bindlab.proto.v1.Step;
import bindlab.proto.v1.TcpState;
import bindlab.proto.v1.WaitState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class Verbs {
    private static final Map<String, Verb> TABLE = new LinkedHashMap<String, Verb>();

    static {
        add("socket", "socket NAME inet|inet6 [as=other]", 2, 3, a -> {
            String name = a.fresh(0);
            Family f = a.choice(1, "family", words("inet", "inet6"), Family.INET, Family.INET6);
            boolean other = a.size() > 2 && a.flag(2, "as", "as=other");
            return r -> Step.newBuilder().setSocket(OpenSocket.newBuilder().setSocket(name).setFamily(f)
                    .setOtherUser(other));
        });
        add("setsockopt", "setsockopt NAME OPTION VALUE [LINGER_SECONDS]", 3, 4, a -> {
            String name = a.known(0);
            SockOption o = a.option(1);
            int v = a.number(2, "value", 0, 1);
            int secs = a.size() > 3 ? a.number(3, "linger seconds", 0, 3600) : 0;
            return r -> Step.newBuilder().setSetsockopt(SetOption.newBuilder().setSocket(name).setOption(o)
                    .setValue(v).setLingerSeconds(secs));
        });
        add("bind", "bind NAME ADDR:PORT", 2, 2, a -> {
            String name = a.known(0);
            String[] ap = a.addrPort(1);
            return r -> Step.newBuilder().setBind(Bind.newBuilder().setSocket(name).setLocal(r.endpoint(ap[0], ap[1])));
        });
        add("listen", "listen NAME [BACKLOG]", 1, 2, a -> {
            String name = a.known(0);
            int backlog = a.size() > 1 ? a.number(1, "backlog", 0, 4096) : 16;
            return r -> Step.newBuilder().setListen(Listen.newBuilder().setSocket(name).setBacklog(backlog));
        });
        add("accept", "accept LISTENER NEWNAME", 2, 2, a -> {
            String listener = a.known(0);
            String as = a.fresh(1);
            return r -> Step.newBuilder().setAccept(Accept.newBuilder().setSocket(listener).setAsSocket(as));
        });
        add("connect", "connect NAME ADDR:PORT", 2, 2, a -> {
            String name = a.known(0);
            String[] ap = a.addrPort(1);
            return r -> Step.newBuilder().setConnect(Connect.newBuilder().setSocket(name)
                    .setRemote(r.endpoint(ap[0], ap[1])));
        });
        add("send-until-blocked", "send-until-blocked NAME", 1, 1, a -> {
            String name = a.known(0);
            return r -> Step.newBuilder().setSendUntilBlocked(SendUntilBlocked.newBuilder().setSocket(name));
        });
        add("recv", "recv NAME [MAX_BYTES]", 1, 2, a -> {
            String name = a.known(0);
            int max = a.size() > 1 ? a.number(1, "max bytes", 0, 1 << 20) : 0;
            return r -> Step.newBuilder().setRecv(Recv.newBuilder().setSocket(name).setMaxBytes(max));
        });
        add("shutdown", "shutdown NAME rd|wr|rdwr", 2, 2, a -> {
            String name = a.known(0);
            ShutdownHow how = a.choice(1, "how", words("rd", "wr", "rdwr"), ShutdownHow.SHUT_RD,
                    ShutdownHow.SHUT_WR, ShutdownHow.SHUT_RDWR);
            return r -> Step.newBuilder().setShutdown(Shutdown.newBuilder().setSocket(name).setHow(how));
        });
        add("close", "close NAME [abortive]", 1, 2, a -> {
            boolean abortive = a.size() > 1 && a.flag(1, "close", "abortive");
            String name = a.closing(0);
            return r -> Step.newBuilder().setClose(Close.newBuilder().setSocket(name).setAbortive(abortive));
        });
        add("observe", "observe PORT", 1, 1, a -> {
            String port = a.port(0);
            return r -> Step.newBuilder().setObserveTcp(ObserveTcp.newBuilder().setPort(r.port(port)));
        });
        add("wait-state", "wait-state PORT STATE", 2, 2, a -> {
            String port = a.port(0);
            TcpState s = a.state(1);
            return r -> Step.newBuilder().setWaitState(WaitState.newBuilder().setPort(r.port(port)).setState(s));
        });
        add("filter-on", "filter-on RULE drop-in-from|drop-out-to ADDR:PORT", 3, 3, a -> {
            String rule = a.name(0);
            FilterDirection d = a.choice(1, "direction", words("drop-in-from", "drop-out-to"),
                    FilterDirection.DROP_INBOUND_FROM, FilterDirection.DROP_OUTBOUND_TO);
            String[] ap = a.addrPort(2);
            return r -> Step.newBuilder().setFilterOn(FilterOn.newBuilder().setRule(rule).setDirection(d)
                    .setRemote(r.endpoint(ap[0], ap[1])));
        });
        add("filter-off", "filter-off RULE", 1, 1, a -> {
            String rule = a.name(0);
            return r -> Step.newBuilder().setFilterOff(FilterOff.newBuilder().setRule(rule));
        });
    }

    private Verbs() {
    }

    private static void add(String word, String usage, int min, int max, Verb.Parser parser) {
        TABLE.put(word, new Verb(word, usage, min, max, parser));
    }

    private static List<String> words(String... w) {
        List<String> out = new ArrayList<String>();
        Collections.addAll(out, w);
        return out;
    }

    /** The verb with this word, or null. */
    public static Verb of(String word) {
        return TABLE.get(word);
    }

    /** Every verb, in the table's order. */
    public static List<Verb> all() {
        return new ArrayList<Verb>(TABLE.values());
    }

    /** "socket setsockopt bind ...": for error messages. */
    public static String words() {
        StringBuilder s = new StringBuilder();
        for (String w : TABLE.keySet()) {
            s.append(s.length() == 0 ? "" : " ").append(w);
        }
        return s.toString();
    }
}
