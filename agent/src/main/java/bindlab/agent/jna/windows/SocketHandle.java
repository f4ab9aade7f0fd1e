// Winsock's SOCKET (UINT_PTR): an unsigned integer as wide as a pointer, 8 bytes on x64 and 4 on x86.
package bindlab.agent.jna.windows;

import com.sun.jna.IntegerType;
import com.sun.jna.Native;

public final class SocketHandle extends IntegerType {
    private static final long serialVersionUID = 1L;

    /** JNA needs a public no-arg constructor to build return values. */
    public SocketHandle() {
        this(0);
    }

    public SocketHandle(long value) {
        super(Native.POINTER_SIZE, value, true);
    }

    /** INVALID_SOCKET is (SOCKET)~0: all ones at the pointer width, which reads back as -1 or 0xFFFFFFFF. */
    public static long invalidSocket(int pointerSize) {
        return pointerSize == 8 ? -1L : 0xFFFFFFFFL;
    }

    public boolean isInvalid() {
        return longValue() == invalidSocket(Native.POINTER_SIZE);
    }
}
