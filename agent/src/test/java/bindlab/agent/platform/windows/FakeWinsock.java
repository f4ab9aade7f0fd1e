// A Winsock that succeeds at everything unless a test overrides a call: drives WinsockSocketApi on any OS.
package bindlab.agent.platform.windows;

import bindlab.agent.jna.windows.Linger;
import bindlab.agent.jna.windows.SocketHandle;
import bindlab.agent.jna.windows.Winsock;
import bindlab.agent.jna.windows.WsaPollFd;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.ArrayList;
import java.util.List;

/** Records every call by name; fail(code) sets the last error and returns SOCKET_ERROR, as ws2_32 does. */
class FakeWinsock implements Winsock {
    final List<String> calls = new ArrayList<String>();
    int lastError;
    private long nextHandle = 0x100;

    int fail(int code) {
        lastError = code;
        return -1;
    }

    int count(String call) {
        int n = 0;
        for (String c : calls) {
            n += c.equals(call) ? 1 : 0;
        }
        return n;
    }

    @Override
    public int startup() {
        calls.add("WSAStartup");
        return 0;
    }

    @Override
    public int lastError() {
        return lastError;
    }

    @Override
    public boolean keepFromChildProcesses(SocketHandle s) {
        return true;
    }

    @Override
    public SocketHandle socket(int af, int type, int protocol) {
        calls.add("socket");
        return new SocketHandle(nextHandle++);
    }

    @Override
    public int setsockopt(SocketHandle s, int level, int optname, int[] optval, int optlen) {
        calls.add("setsockopt");
        return 0;
    }

    @Override
    public int setsockopt(SocketHandle s, int level, int optname, Linger optval, int optlen) {
        calls.add("setsockopt(linger " + optval.l_onoff + "," + optval.l_linger + ")");
        return 0;
    }

    @Override
    public int getsockopt(SocketHandle s, int level, int optname, int[] optval, IntByReference optlen) {
        calls.add("getsockopt");
        optval[0] = 0;
        return 0;
    }

    @Override
    public int getsockopt(SocketHandle s, int level, int optname, Linger optval, IntByReference optlen) {
        calls.add("getsockopt(linger)");
        return 0;
    }

    @Override
    public int bind(SocketHandle s, byte[] name, int namelen) {
        calls.add("bind");
        return 0;
    }

    @Override
    public int listen(SocketHandle s, int backlog) {
        calls.add("listen");
        return 0;
    }

    @Override
    public SocketHandle accept(SocketHandle s, byte[] addr, IntByReference addrlen) {
        calls.add("accept");
        return new SocketHandle(nextHandle++);
    }

    @Override
    public int connect(SocketHandle s, byte[] name, int namelen) {
        calls.add("connect");
        return 0;
    }

    @Override
    public int send(SocketHandle s, byte[] buf, int len, int flags) {
        calls.add("send");
        return len;
    }

    @Override
    public int recv(SocketHandle s, byte[] buf, int len, int flags) {
        calls.add("recv");
        return 0;
    }

    @Override
    public int shutdown(SocketHandle s, int how) {
        calls.add("shutdown");
        return 0;
    }

    @Override
    public int closesocket(SocketHandle s) {
        calls.add("closesocket");
        return 0;
    }

    @Override
    public int ioctlsocket(SocketHandle s, int cmd, IntByReference argp) {
        calls.add("ioctlsocket(" + argp.getValue() + ")");
        return 0;
    }

    @Override
    public int WSAPoll(WsaPollFd fd, int nfds, int timeoutMs) {
        calls.add("WSAPoll");
        fd.revents = fd.events;
        return 1;
    }

    @Override
    public int select(int nfds, Pointer readfds, Pointer writefds, Pointer exceptfds, int[] timeout) {
        calls.add("select");
        return 1;
    }

    @Override
    public int getsockname(SocketHandle s, byte[] name, IntByReference namelen) {
        calls.add("getsockname");
        return 0;
    }

    @Override
    public int getpeername(SocketHandle s, byte[] name, IntByReference namelen) {
        calls.add("getpeername");
        return 0;
    }
}
