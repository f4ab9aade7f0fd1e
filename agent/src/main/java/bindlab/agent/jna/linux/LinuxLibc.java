// JNA binding to the libc socket calls the Linux backend needs; constants are the generic Linux (x86, arm) values.
package bindlab.agent.jna.linux;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

public interface LinuxLibc extends Library {
    LinuxLibc INSTANCE = LinuxLibraries.load("c", LinuxLibc.class);

    int AF_INET = 2;
    int AF_INET6 = 10;
    int SOCK_STREAM = 1;
    int SOCK_CLOEXEC = 0x80000; // keep sockets out of child processes such as nft
    int SOL_SOCKET = 1;
    int SO_REUSEADDR = 2;
    int SO_ERROR = 4;
    int SO_LINGER = 13;
    int SO_REUSEPORT = 15;
    int IPPROTO_TCP = 6;
    int TCP_INFO = 11;
    int IPPROTO_IPV6 = 41;
    int IPV6_V6ONLY = 26;
    int F_GETFL = 3;
    int F_SETFL = 4;
    int O_NONBLOCK = 0x800;
    short POLLIN = 0x1;
    short POLLOUT = 0x4;
    int MSG_DONTWAIT = 0x40;
    int MSG_NOSIGNAL = 0x4000;
    int SHUT_RD = 0;
    int SHUT_WR = 1;
    int SHUT_RDWR = 2;
    int EINTR = 4;
    int EAGAIN = 11;
    int EINPROGRESS = 115;

    int socket(int domain, int type, int protocol);

    int setsockopt(int fd, int level, int name, int[] value, int length);

    int getsockopt(int fd, int level, int name, int[] value, int[] length);

    /** For structs read by offset (TCP_INFO). */
    int getsockopt(int fd, int level, int name, byte[] value, int[] length);

    int bind(int fd, byte[] address, int length);

    int listen(int fd, int backlog);

    int accept(int fd, byte[] address, int[] length);

    int connect(int fd, byte[] address, int length);

    /** fds: packed struct pollfd {int fd; short events; short revents;} entries, 8 bytes each. */
    int poll(byte[] fds, NativeLong count, int timeoutMs);

    NativeLong send(int fd, byte[] buffer, NativeLong length, int flags);

    NativeLong recv(int fd, byte[] buffer, NativeLong length, int flags);

    /** Into native memory the caller keeps (netlink answers): no copy of a Java array per call. */
    NativeLong recv(int fd, Pointer buffer, NativeLong length, int flags);

    int shutdown(int fd, int how);

    int close(int fd);

    int fcntl(int fd, int cmd, int arg);

    int getsockname(int fd, byte[] address, int[] length);

    int getpeername(int fd, byte[] address, int[] length);

    int geteuid();

    /** Per-thread on Linux: only the calling thread's file-system uid changes, so sockets it opens get that owner. */
    int setfsuid(int fsuid);

    /** glibc: returns free heap memory to the OS; 1 if any was returned. */
    int malloc_trim(NativeLong pad);
}
