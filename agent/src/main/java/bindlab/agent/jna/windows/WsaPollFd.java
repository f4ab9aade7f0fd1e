// Winsock's WSAPOLLFD: {SOCKET fd; SHORT events; SHORT revents}, 16 bytes on x64 and 8 on x86.
package bindlab.agent.jna.windows;

import com.sun.jna.Structure;

@Structure.FieldOrder({"fd", "events", "revents"})
public final class WsaPollFd extends Structure {
    public SocketHandle fd = new SocketHandle();
    public short events;
    public short revents;

    public WsaPollFd() {
        super(ALIGN_MSVC);
    }

    public WsaPollFd(SocketHandle fd, short events) {
        this();
        this.fd = fd;
        this.events = events;
    }

    public static CLayout layout(int pointerSize) {
        return CLayout.of("WSAPOLLFD", pointerSize).pointer("fd").u16("events").u16("revents").build();
    }

    public int offsetOf(String field) {
        return fieldOffset(field);
    }
}
