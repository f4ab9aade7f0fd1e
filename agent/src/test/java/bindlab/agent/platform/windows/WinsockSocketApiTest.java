// Drives WinsockSocketApi through a fake Winsock: the error paths a real host rarely shows on demand (POLLHUP after
// the peer's shutdown, a failed switch back to blocking mode, an except set with SO_ERROR 0, excluded ports).
package bindlab.agent.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bindlab.agent.jna.windows.FdSet;
import bindlab.agent.jna.windows.SocketHandle;
import bindlab.agent.jna.windows.WsaPollFd;
import bindlab.agent.jna.windows.Ws2_32;
import bindlab.agent.platform.OsResult;
import bindlab.agent.platform.windows.ExcludedPortRanges.Range;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class WinsockSocketApiTest {
    private static final ExcludedPorts NONE = new ExcludedPorts(Collections::emptyList, 0);
    private static final long H = 0x2A4;

    /** send fills the buffer after `fills` calls, then would block. */
    static class FullAfter extends FakeWinsock {
        int fills;

        FullAfter(int fills) {
            this.fills = fills;
        }

        @Override
        public int send(SocketHandle s, byte[] buf, int len, int flags) {
            calls.add("send");
            return fills-- > 0 ? 1000 : fail(Ws2_32.WSAEWOULDBLOCK);
        }
    }

    /**
     * After the peer's shutdown WSAPoll answers POLLHUP alone, at once, on every call. The old loop took any
     * "ready" as writable and spun to its time limit (every zero-window LAST_ACK cell became INVALID_SETUP).
     */
    @Test
    void sendUntilBlockedWaitsOutPollhupWithoutSpinning() {
        FullAfter ws = new FullAfter(3) {
            @Override
            public int WSAPoll(WsaPollFd fd, int nfds, int timeoutMs) {
                calls.add("WSAPoll");
                fd.revents = Ws2_32.POLLHUP;
                return 1;
            }
        };
        long start = System.nanoTime();
        OsResult r = new WinsockSocketApi(ws, NONE).sendUntilBlocked(H, 5000);
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(r.ok).as(r.toString()).isTrue();
        assertThat(r.value).isEqualTo(3000);
        assertThat(tookMs).as("stalled after the settle time, not the 5 s limit")
                .isBetween((long) WinsockSocketApi.SEND_SETTLE_MS - 10, 4000L); // slack for a loaded machine
        assertThat(ws.count("WSAPoll")).as("napped between polls").isLessThan(60);
        assertThat(ws.count("send")).as("no send while only POLLHUP is reported").isEqualTo(4);
    }

    @Test
    void sendUntilBlockedSendsAgainOnlyOnPollwrnorm() {
        FullAfter ws = new FullAfter(2) {
            int polls;

            @Override
            public int WSAPoll(WsaPollFd fd, int nfds, int timeoutMs) {
                calls.add("WSAPoll");
                if (polls++ == 0) {
                    fills = 1; // the peer read some: one more chunk fits
                    fd.revents = (short) (Ws2_32.POLLWRNORM | Ws2_32.POLLHUP);
                    return 1;
                }
                return 0; // no space within the settle time
            }
        };
        OsResult r = new WinsockSocketApi(ws, NONE).sendUntilBlocked(H, 5000);
        assertThat(r.ok).isTrue();
        assertThat(r.value).isEqualTo(3000);
        assertThat(ws.count("WSAPoll")).isEqualTo(2);
    }

    @Test
    void sendUntilBlockedReportsPollerrWithTheSocketsError() {
        FullAfter ws = new FullAfter(1) {
            @Override
            public int WSAPoll(WsaPollFd fd, int nfds, int timeoutMs) {
                fd.revents = (short) (Ws2_32.POLLERR | Ws2_32.POLLHUP);
                return 1;
            }

            @Override
            public int getsockopt(SocketHandle s, int level, int optname, int[] optval, IntByReference optlen) {
                optval[0] = optname == Ws2_32.SO_ERROR ? Ws2_32.WSAECONNRESET : 0;
                return 0;
            }
        };
        OsResult r = new WinsockSocketApi(ws, NONE).sendUntilBlocked(H, 5000);
        assertThat(r.ok).isFalse();
        assertThat(r.call).isEqualTo("send");
        assertThat(r.rawCode).isEqualTo(Ws2_32.WSAECONNRESET);
    }

    @Test
    void sendUntilBlockedReportsAnInvalidSocket() {
        FullAfter ws = new FullAfter(0) {
            @Override
            public int WSAPoll(WsaPollFd fd, int nfds, int timeoutMs) {
                fd.revents = Ws2_32.POLLNVAL;
                return 1;
            }
        };
        OsResult r = new WinsockSocketApi(ws, NONE).sendUntilBlocked(H, 5000);
        assertThat(r.rawCode).isEqualTo(Ws2_32.WSAENOTSOCK);
    }

    /** The handle is dropped by the caller after close(): the socket must be closed even when the switch fails. */
    @Test
    void closeStillClosesWhenTheSwitchToBlockingModeFails() {
        FakeWinsock ws = new FakeWinsock() {
            @Override
            public int ioctlsocket(SocketHandle s, int cmd, IntByReference argp) {
                calls.add("ioctlsocket(" + argp.getValue() + ")");
                return fail(10050); // WSAENETDOWN
            }
        };
        OsResult r = new WinsockSocketApi(ws, NONE).close(H, false);
        assertThat(r.ok).as("the graceful close was not the one asked for: said so").isFalse();
        assertThat(r.call).isEqualTo("ioctlsocket");
        assertThat(r.rawCode).isEqualTo(10050);
        assertThat(ws.calls).containsSubsequence("ioctlsocket(0)", "closesocket");
    }

    @Test
    void closeResetsASocketThatNonBlockingModeKeptOpen() {
        FakeWinsock ws = new FakeWinsock() {
            int closes;

            @Override
            public int closesocket(SocketHandle s) {
                calls.add("closesocket");
                return closes++ == 0 ? fail(Ws2_32.WSAEWOULDBLOCK) : 0;
            }
        };
        OsResult r = new WinsockSocketApi(ws, NONE).close(H, false);
        assertThat(r.ok).isFalse();
        assertThat(r.rawCode).isEqualTo(Ws2_32.WSAEWOULDBLOCK);
        assertThat(ws.calls).containsSubsequence("closesocket", "setsockopt(linger 1,0)", "closesocket");
    }

    @Test
    void aGracefulCloseSwitchesBackToBlockingModeFirst() {
        FakeWinsock ws = new FakeWinsock();
        OsResult r = new WinsockSocketApi(ws, NONE).close(H, false);
        assertThat(r.ok).isTrue();
        assertThat(ws.calls).containsExactly("WSAStartup", "ioctlsocket(0)", "closesocket");
    }

    /** A connect whose except set fires while SO_ERROR is 0 (Wine): never reported as error code 0 ("WSA0"). */
    @Test
    void connectWithAnEmptySoErrorAsksGetpeername() {
        FakeWinsock ws = new PendingConnect() {
            @Override
            public int getpeername(SocketHandle s, byte[] name, IntByReference namelen) {
                calls.add("getpeername");
                return fail(Ws2_32.WSAENOTCONN);
            }
        };
        OsResult r = new WinsockSocketApi(ws, NONE).connect(H, new InetSocketAddress("198.18.0.3", 40000), 2000);
        assertThat(r.ok).isFalse();
        assertThat(r.rawCode).isEqualTo(Ws2_32.WSAENOTCONN).isNotZero();
        assertThat(r.call).isEqualTo("getpeername");
        assertThat(ws.count("connect")).as("no second attempt").isEqualTo(1);

        FakeWinsock connected = new PendingConnect();
        assertThat(new WinsockSocketApi(connected, NONE).connect(H, new InetSocketAddress("198.18.0.3", 40000), 2000).ok)
                .isTrue();
    }

    @Test
    void aFailedConnectReportsSoError() {
        FakeWinsock ws = new PendingConnect() {
            @Override
            public int getsockopt(SocketHandle s, int level, int optname, int[] optval, IntByReference optlen) {
                optval[0] = Ws2_32.WSAECONNREFUSED;
                return 0;
            }
        };
        OsResult r = new WinsockSocketApi(ws, NONE).connect(H, new InetSocketAddress("198.18.0.3", 40000), 2000);
        assertThat(r.call).isEqualTo("connect");
        assertThat(r.rawCode).isEqualTo(Ws2_32.WSAECONNREFUSED);
    }

    /** connect would block; select then reports the socket in the except set only (writable set emptied). */
    static class PendingConnect extends FakeWinsock {
        @Override
        public int connect(SocketHandle s, byte[] name, int namelen) {
            calls.add("connect");
            return fail(Ws2_32.WSAEWOULDBLOCK);
        }

        @Override
        public int select(int nfds, Pointer readfds, Pointer writefds, Pointer exceptfds, int[] timeout) {
            writefds.setInt(FdSet.layout(Native.POINTER_SIZE).offset("fd_count"), 0);
            return 1;
        }
    }

    @Test
    void bindIntoAKnownExcludedRangeIsRefusedWithoutACall() {
        FakeWinsock ws = new FakeWinsock();
        ExcludedPorts excluded = new ExcludedPorts(() -> Arrays.asList(new Range(40100, 40199, false)), 0);
        OsResult r = new WinsockSocketApi(ws, excluded).bind(H, new InetSocketAddress("0.0.0.0", 40150));
        assertThat(r.refused).isTrue();
        assertThat(r.rawCode).isZero();
        assertThat(r.detail).contains("40100-40199").contains("excluded");
        assertThat(ws.count("bind")).isZero();
    }

    /** A range reserved after the agent started: the WSAEACCES it causes is refused as a result, code kept. */
    @Test
    void anAccessDeniedOnANewlyExcludedPortIsNotAResult() {
        FakeWinsock ws = new FakeWinsock() {
            @Override
            public int bind(SocketHandle s, byte[] name, int namelen) {
                calls.add("bind");
                return fail(Ws2_32.WSAEACCES);
            }
        };
        final List<List<Range>> reads = new ArrayList<List<Range>>();
        reads.add(Collections.<Range>emptyList());
        reads.add(Arrays.asList(new Range(40000, 40099, false)));
        ExcludedPorts excluded = new ExcludedPorts(() -> reads.size() > 1 ? reads.remove(0) : reads.get(0), 0);
        WinsockSocketApi api = new WinsockSocketApi(ws, excluded);

        OsResult r = api.bind(H, new InetSocketAddress("0.0.0.0", 40050));
        assertThat(r.refused).isTrue();
        assertThat(r.rawCode).isEqualTo(Ws2_32.WSAEACCES);
        assertThat(r.detail).contains("40000-40099").contains("not a result");

        OsResult elsewhere = api.bind(H, new InetSocketAddress("0.0.0.0", 41000));
        assertThat(elsewhere.refused).as("outside every range, 10013 is a measurement").isFalse();
        assertThat(elsewhere.rawCode).isEqualTo(Ws2_32.WSAEACCES);
    }

    @Test
    void aFailedStartupIsNamed() {
        FakeWinsock ws = new FakeWinsock() {
            @Override
            public int startup() {
                return 10091;
            }
        };
        assertThatThrownBy(() -> new WinsockSocketApi(ws, NONE)).hasMessageContaining("WSASYSNOTREADY");
    }

    @Test
    void errorsCarryTheCodeOfTheFailedCall() {
        FakeWinsock ws = new FakeWinsock() {
            @Override
            public int listen(SocketHandle s, int backlog) {
                return fail(Ws2_32.WSAEINVAL);
            }
        };
        WinsockSocketApi api = new WinsockSocketApi(ws, NONE);
        OsResult r = api.listen(H, 8);
        assertThat(r.rawCode).isEqualTo(Ws2_32.WSAEINVAL);
        assertThat(api.errorName(r.rawCode)).isEqualTo("EINVAL");
    }
}
