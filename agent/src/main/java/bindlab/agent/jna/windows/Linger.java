// Winsock's struct linger: two u_short fields, 4 bytes (unlike POSIX's two ints).
package bindlab.agent.jna.windows;

import com.sun.jna.Structure;

@Structure.FieldOrder({"l_onoff", "l_linger"})
public final class Linger extends Structure {
    public short l_onoff;
    /** Seconds; u_short, so read it with {@code & 0xffff}. */
    public short l_linger;

    public Linger() {
        super(ALIGN_MSVC);
    }

    public Linger(boolean on, int seconds) {
        this();
        l_onoff = (short) (on ? 1 : 0);
        l_linger = (short) seconds;
    }

    public static CLayout layout(int pointerSize) {
        return CLayout.of("linger", pointerSize).u16("l_onoff").u16("l_linger").build();
    }

    /** Exposes JNA's computed offset so tests can compare it with {@link #layout(int)}. */
    public int offsetOf(String field) {
        return fieldOffset(field);
    }
}
