// Prints a message as protobuf's JsonFormat.printer().omittingInsignificantWhitespace() does, byte for byte, but from
// its binary form: the generated code serializes without reflection, and the wire format is walked with the
// descriptor. JsonFormat reads every field through reflection and sorts them in a TreeMap, which made it half of the
// coordinator's CPU per cell. Anything this printer does not handle (floats, bytes, groups, a field out of order)
// makes it hand the message to JsonFormat, so the output is always JsonFormat's. JsonLineTest holds the two equal.
package bindlab.engine.store;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

public final class WireJson {
    private static final JsonFormat.Printer FALLBACK = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** Per message type: its fields by number (index = field number), each read off its descriptor once. */
    private static final Map<Descriptor, Field[]> FIELDS = new ConcurrentHashMap<Descriptor, Field[]>();

    private WireJson() {
    }

    /** The message as JsonFormat.printer().omittingInsignificantWhitespace() prints it (the journal, report.html). */
    public static String print(Message m) throws InvalidProtocolBufferException {
        return new String(utf8(m), StandardCharsets.UTF_8);
    }

    /**
     * The JSON as UTF-8. Strings are copied from the wire (UTF-8 already) with only the escapes added: no decoding
     * to UTF-16 and encoding back.
     */
    static byte[] utf8(Message m) throws InvalidProtocolBufferException {
        byte[] bytes = m.toByteArray();
        Out out = new Out(bytes.length * 2 + 16);
        try {
            new Reader(bytes).object(out, m.getDescriptorForType(), bytes.length);
            return out.toArray();
        } catch (Unhandled e) {
            return FALLBACK.print(m).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A growing byte buffer with the appends the printer needs (text appended here is ASCII). */
    static final class Out {
        private byte[] b;
        private int n;

        Out(int size) {
            b = new byte[Math.max(16, size)];
        }

        private void room(int more) {
            if (n + more > b.length) {
                b = Arrays.copyOf(b, Math.max(b.length * 2, n + more));
            }
        }

        Out append(char c) {
            room(1);
            b[n++] = (byte) c;
            return this;
        }

        Out append(String ascii) {
            room(ascii.length());
            for (int i = 0; i < ascii.length(); i++) {
                b[n++] = (byte) ascii.charAt(i);
            }
            return this;
        }

        Out append(long v) {
            return append(Long.toString(v));
        }

        Out append(boolean v) {
            return append(v ? "true" : "false");
        }

        Out append(byte[] src, int from, int to) {
            room(to - from);
            System.arraycopy(src, from, b, n, to - from);
            n += to - from;
            return this;
        }

        Out append(Out other) {
            return append(other.b, 0, other.n);
        }

        int length() {
            return n;
        }

        void setLength(int len) {
            n = len;
        }

        byte first() {
            return b[0];
        }

        byte[] toArray() {
            return Arrays.copyOf(b, n);
        }
    }


    /** Something JsonFormat must print itself. */
    private static final class Unhandled extends Exception {
        private static final long serialVersionUID = 1L;

        Unhandled() {
            super(null, null, false, false);
        }
    }

    private static Field[] fields(Descriptor d) {
        Field[] f = FIELDS.get(d);
        if (f == null) {
            int max = 0;
            for (FieldDescriptor fd : d.getFields()) {
                max = Math.max(max, fd.getNumber());
            }
            f = new Field[max + 1];
            for (FieldDescriptor fd : d.getFields()) {
                f[fd.getNumber()] = new Field(fd);
            }
            FIELDS.put(d, f);
        }
        return f;
    }

    /** What printing a field needs, read once: protobuf 4's descriptors resolve features on every getType(). */
    private static final class Field {
        final String name;
        final FieldDescriptor.Type type;
        final boolean repeated;
        final boolean map;
        final boolean packable;
        final Descriptor message;
        final com.google.protobuf.Descriptors.EnumDescriptor enumType;
        final Field key;
        final Field value;

        Field(FieldDescriptor fd) {
            this.name = "\"" + fd.getJsonName() + "\":";
            this.type = fd.getType();
            this.repeated = fd.isRepeated();
            this.map = fd.isMapField();
            this.packable = repeated && type != FieldDescriptor.Type.MESSAGE && type != FieldDescriptor.Type.STRING
                    && type != FieldDescriptor.Type.BYTES && type != FieldDescriptor.Type.GROUP;
            this.message = type == FieldDescriptor.Type.MESSAGE ? fd.getMessageType() : null;
            this.enumType = type == FieldDescriptor.Type.ENUM ? fd.getEnumType() : null;
            this.key = map ? new Field(fd.getMessageType().findFieldByNumber(1)) : null;
            this.value = map ? new Field(fd.getMessageType().findFieldByNumber(2)) : null;
        }
    }

    private static final class Reader {
        private final byte[] b;
        private int at;

        Reader(byte[] b) {
            this.b = b;
        }

        /** The message's fields from here to end, as one JSON object. */
        void object(Out out, Descriptor d, int end) throws Unhandled {
            Field[] fields = fields(d);
            out.append('{');
            boolean first = true;
            int lastNumber = 0;
            Field open = null; // a repeated field whose array is still open
            while (at < end) {
                long tag = varint();
                int number = (int) (tag >>> 3);
                int wire = (int) (tag & 7);
                Field f = number < fields.length ? fields[number] : null;
                if (f == null || number < lastNumber) {
                    throw new Unhandled(); // unknown field, or not in field-number order
                }
                if (open != null && open != f) {
                    out.append(open.map ? '}' : ']');
                    open = null;
                }
                if (number == lastNumber && !f.repeated) {
                    throw new Unhandled(); // a singular field twice: merge semantics, leave them to JsonFormat
                }
                if (f.repeated && open == null) {
                    if (number == lastNumber) {
                        throw new Unhandled(); // a repeated field in two runs
                    }
                    if (!first) {
                        out.append(',');
                    }
                    out.append(f.name).append(f.map ? '{' : '[');
                    open = f;
                    first = false;
                } else if (f.repeated) {
                    out.append(',');
                } else {
                    if (!first) {
                        out.append(',');
                    }
                    out.append(f.name);
                    first = false;
                }
                lastNumber = number;
                if (f.map) {
                    mapEntry(out, f, wire);
                } else if (f.packable && wire == 2) {
                    int packedEnd = length();
                    boolean firstValue = true;
                    while (at < packedEnd) {
                        if (!firstValue) {
                            out.append(',');
                        }
                        firstValue = false;
                        value(out, f, packedWire(f));
                    }
                } else {
                    value(out, f, wire);
                }
            }
            if (open != null) {
                out.append(open.map ? '}' : ']');
            }
            if (at != end) {
                throw new Unhandled();
            }
            out.append('}');
        }

        private void mapEntry(Out out, Field f, int wire) throws Unhandled {
            if (wire != 2) {
                throw new Unhandled();
            }
            int end = length();
            Field key = f.key;
            Field val = f.value;
            Out k = new Out(32);
            Out v = new Out(64);
            boolean haveValue = false;
            while (at < end) {
                long tag = varint();
                int number = (int) (tag >>> 3);
                if (number == 1) {
                    k.setLength(0);
                    value(k, key, (int) (tag & 7));
                } else if (number == 2) {
                    v.setLength(0);
                    value(v, val, (int) (tag & 7));
                    haveValue = true;
                } else {
                    throw new Unhandled();
                }
            }
            if (k.length() == 0) {
                value(k, key, -1); // the default key
            }
            if (!haveValue) {
                throw new Unhandled(); // a default value: JsonFormat prints it by type; not worth repeating here
            }
            if (k.first() != '"') {
                out.append('"').append(k).append('"'); // JSON object keys are strings
            } else {
                out.append(k);
            }
            out.append(':').append(v);
        }

        /** One value of the field's type; wire -1 is the type's default (a map key left out). */
        private void value(Out out, Field fd, int wire) throws Unhandled {
            switch (fd.type) {
                case MESSAGE:
                    if (wire != 2) {
                        throw new Unhandled();
                    }
                    int end = length();
                    object(out, fd.message, end);
                    return;
                case STRING:
                    if (wire == -1) {
                        out.append("\"\"");
                        return;
                    }
                    expect(wire, 2);
                    int stop = length();
                    string(out, b, at, stop);
                    at = stop;
                    return;
                case ENUM: {
                    int n = (int) scalar(wire, 0);
                    EnumValueDescriptor e = fd.enumType.findValueByNumber(n);
                    if (e == null) {
                        out.append(n);
                    } else {
                        out.append('"').append(e.getName()).append('"');
                    }
                    return;
                }
                case BOOL:
                    out.append(scalar(wire, 0) != 0);
                    return;
                case INT32:
                    out.append((int) scalar(wire, 0));
                    return;
                case UINT32:
                    out.append(Integer.toUnsignedString((int) scalar(wire, 0)));
                    return;
                case SINT32: {
                    int v = (int) scalar(wire, 0);
                    out.append((v >>> 1) ^ -(v & 1));
                    return;
                }
                case FIXED32:
                    out.append(Integer.toUnsignedString((int) scalar(wire, 5)));
                    return;
                case SFIXED32:
                    out.append((int) scalar(wire, 5));
                    return;
                case INT64:
                    out.append('"').append(scalar(wire, 0)).append('"');
                    return;
                case UINT64:
                    out.append('"').append(Long.toUnsignedString(scalar(wire, 0))).append('"');
                    return;
                case SINT64: {
                    long v = scalar(wire, 0);
                    out.append('"').append((v >>> 1) ^ -(v & 1)).append('"');
                    return;
                }
                case FIXED64:
                    out.append('"').append(Long.toUnsignedString(scalar(wire, 1))).append('"');
                    return;
                case SFIXED64:
                    out.append('"').append(scalar(wire, 1)).append('"');
                    return;
                default:
                    throw new Unhandled(); // double, float, bytes, group: JsonFormat's own formatting
            }
        }

        private static int packedWire(Field fd) {
            switch (fd.type) {
                case FIXED32:
                case SFIXED32:
                    return 5;
                case FIXED64:
                case SFIXED64:
                    return 1;
                default:
                    return 0;
            }
        }

        /** A varint (wire 0), 32-bit (5) or 64-bit (1) value; -1 reads nothing and gives 0. */
        private long scalar(int wire, int want) throws Unhandled {
            if (wire == -1) {
                return 0;
            }
            expect(wire, want);
            if (wire == 0) {
                return varint();
            }
            int n = wire == 5 ? 4 : 8;
            if (at + n > b.length) {
                throw new Unhandled();
            }
            long v = 0;
            for (int i = n - 1; i >= 0; i--) {
                v = (v << 8) | (b[at + i] & 0xff);
            }
            at += n;
            return n == 4 ? v & 0xffffffffL : v;
        }

        private static void expect(int wire, int want) throws Unhandled {
            if (wire != want) {
                throw new Unhandled();
            }
        }

        /** A length prefix; returns where the value ends. */
        private int length() throws Unhandled {
            long n = varint();
            if (n < 0 || at + n > b.length) {
                throw new Unhandled();
            }
            return at + (int) n;
        }

        private long varint() throws Unhandled {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (at >= b.length) {
                    throw new Unhandled();
                }
                byte x = b[at++];
                v |= (long) (x & 0x7f) << shift;
                if (x >= 0) {
                    return v;
                }
            }
            throw new Unhandled();
        }
    }

    /**
     * JsonFormat's escaping, on the UTF-8 bytes themselves: quotes, backslash, control characters, the HTML-sensitive
     * & ' < = > and U+2028/9 (E2 80 A8/A9); every other byte is copied as it is.
     */
    static void string(Out out, byte[] b, int from, int to) {
        out.append('"');
        int plain = from;
        for (int i = from; i < to; i++) {
            int c = b[i] & 0xff;
            String esc;
            switch (c) {
                case '"': esc = "\\\""; break;
                case '\\': esc = "\\\\"; break;
                case '\b': esc = "\\b"; break;
                case '\t': esc = "\\t"; break;
                case '\n': esc = "\\n"; break;
                case '\f': esc = "\\f"; break;
                case '\r': esc = "\\r"; break;
                case '&':
                case '\'':
                case '<':
                case '=':
                case '>':
                    esc = unicode(c);
                    break;
                case 0xe2:
                    esc = i + 2 < to && (b[i + 1] & 0xff) == 0x80 && ((b[i + 2] & 0xff) | 1) == 0xa9
                            ? unicode(0x2000 | (b[i + 2] & 0xff) - 0x80) : null;
                    break;
                default:
                    esc = c < 0x20 ? unicode(c) : null;
            }
            if (esc != null) {
                out.append(b, plain, i).append(esc);
                plain = c == 0xe2 ? i + 3 : i + 1;
                i = plain - 1;
            }
        }
        out.append(b, plain, to).append('"');
    }

    private static String unicode(int c) {
        return new String(new char[] {'\\', 'u', HEX[c >> 12 & 15], HEX[c >> 8 & 15], HEX[c >> 4 & 15], HEX[c & 15]});
    }
}
