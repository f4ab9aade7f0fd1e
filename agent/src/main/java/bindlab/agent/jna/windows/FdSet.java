// Winsock's fd_set {u_int fd_count; SOCKET fd_array[64]}, built in native memory for a one-socket select().
package bindlab.agent.jna.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;

/**
 * Unlike POSIX, a Winsock fd_set is a counted array of handles: select() rewrites fd_count to the number of
 * ready sockets. Sizes: 520 bytes on x64 (4 bytes of padding before the array), 260 on x86.
 */
public final class FdSet {

    private FdSet() {
    }

    public static CLayout layout(int pointerSize) {
        return CLayout.of("fd_set", pointerSize).u32("fd_count").pointerArray("fd_array", Ws2_32.FD_SETSIZE).build();
    }

    /** A set holding only this socket. */
    public static Memory holding(SocketHandle socket) {
        CLayout layout = layout(Native.POINTER_SIZE);
        Memory set = new Memory(layout.size());
        set.clear();
        set.setInt(layout.offset("fd_count"), 1);
        long slot = layout.offset("fd_array");
        if (Native.POINTER_SIZE == 8) {
            set.setLong(slot, socket.longValue());
        } else {
            set.setInt(slot, (int) socket.longValue());
        }
        return set;
    }

    /** After select(): whether the one socket is still in the set, i.e. ready. */
    public static boolean isReady(Memory set) {
        return set.getInt(layout(Native.POINTER_SIZE).offset("fd_count")) > 0;
    }
}
