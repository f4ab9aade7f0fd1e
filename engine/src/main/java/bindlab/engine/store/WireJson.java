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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

final class WireJson {
    private static final JsonFormat.Printer FALLBACK = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** Per message type: its fields by number (index = field number), built once. */
    private static final Map<Descriptor, FieldDescriptor[]> FIELDS = new ConcurrentHashMap<Descriptor, FieldDescriptor[]>();

    private WireJson() {
    }

    static String print(Message m) throws InvalidProtocolBufferException {
        byte[] bytes = m.toByteArray();
        StringBuilder out = new StringBuilder(bytes.length * 2 + 16);
        try {
            new Reader(bytes).object(out, m.getDescriptorForType(), bytes.length);
            return out.toString();
        } catch (Unhandled e) {
            return FALLBACK.print(m);
        }
    }

    /** Something JsonFormat must print itself. */
    private static final class Unhandled extends Exception {
        private static final long serialVersionUID = 1L;

        Unhandled() {
            super(null, null, false, false);
        }
    }

    private static FieldDescriptor[] fields(Descriptor d) {
        FieldDescriptor[] f = FIELDS.get(d);
        if (f == null) {
            int max = 0;
            for (FieldDescriptor fd : d.getFields()) {
                max = Math.max(max, fd.getNumber());
            }
            f = new FieldDescriptor[max + 1];
            for (FieldDescriptor fd : d.getFields()) {
                f[fd.getNumber()] = fd;
            }
            FIELDS.put(d, f);
        }
        return f;
    }

    private static final class Reader {
        private final byte[] b;
        private int at;

        Reader(byte[] b) {
            this.b = b;
        }

        /** The message's fields from here to end, as one JSON object. */
        void object(StringBuilder out, Descriptor d, int end) throws Unhandled {
            FieldDescriptor[] fields = fields(d);
            out.append('{');
            boolean first = true;
            int lastNumber = 0;
            FieldDescriptor open = null; // a repeated field whose array is still open
            while (at < end) {
                long tag = varint();
                int number = (int) (tag >>> 3);
                int wire = (int) (tag & 7);
                FieldDescriptor fd = number < fields.length ? fields[number] : null;
                if (fd == null || number < lastNumber) {
                    throw new Unhandled(); // unknown field, or not in field-number order
                }
                if (open != null && open != fd) {
                    out.append(open.isMapField() ? '}' : ']');
                    open = null;
                }
                if (number == lastNumber && !fd.isRepeated()) {
                    throw new Unhandled(); // a singular field twice: merge semantics, leave them to JsonFormat
                }
                if (fd.isRepeated() && open == null) {
                    if (number == lastNumber) {
                        throw new Unhandled(); // a repeated field in two runs
                    }
                    out.append(first ? "" : ",").append('"').append(fd.getJsonName()).append("\":")
                            .append(fd.isMapField() ? '{' : '[');
                    open = fd;
                    first = false;
                } else if (fd.isRepeated()) {
                    out.append(',');
                } else {
                    out.append(first ? "" : ",").append('"').append(fd.getJsonName()).append("\":");
                    first = false;
                }
                lastNumber = number;
                if (fd.isMapField()) {
                    mapEntry(out, fd, wire);
                } else if (fd.isRepeated() && wire == 2 && fd.getJavaType() != FieldDescriptor.JavaType.MESSAGE
                        && fd.getJavaType() != FieldDescriptor.JavaType.STRING) {
                    int packedEnd = length();
                    boolean firstValue = true;
                    while (at < packedEnd) {
                        out.append(firstValue ? "" : ",");
                        firstValue = false;
                        value(out, fd, packedWire(fd));
                    }
                } else {
                    value(out, fd, wire);
                }
            }
            if (open != null) {
                out.append(open.isMapField() ? '}' : ']');
            }
            if (at != end) {
                throw new Unhandled();
            }
            out.append('}');
        }

        private void mapEntry(StringBuilder out, FieldDescriptor fd, int wire) throws Unhandled {
            if (wire != 2) {
                throw new Unhandled();
            }
            int end = length();
            FieldDescriptor key = fd.getMessageType().findFieldByNumber(1);
            FieldDescriptor val = fd.getMessageType().findFieldByNumber(2);
            StringBuilder k = new StringBuilder();
            StringBuilder v = new StringBuilder();
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
            if (k.charAt(0) != '"') {
                k.insert(0, '"').append('"'); // JSON object keys are strings
            }
            out.append(k).append(':').append(v);
        }

        /** One value of the field's type; wire -1 is the type's default (a map key left out). */
        private void value(StringBuilder out, FieldDescriptor fd, int wire) throws Unhandled {
            switch (fd.getType()) {
                case MESSAGE:
                    if (wire != 2) {
                        throw new Unhandled();
                    }
                    int end = length();
                    object(out, fd.getMessageType(), end);
                    return;
                case STRING:
                    if (wire == -1) {
                        out.append("\"\"");
                        return;
                    }
                    expect(wire, 2);
                    int len = length() - at;
                    string(out, new String(b, at, len, StandardCharsets.UTF_8));
                    at += len;
                    return;
                case ENUM: {
                    int n = (int) scalar(wire, 0);
                    EnumValueDescriptor e = fd.getEnumType().findValueByNumber(n);
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

        private static int packedWire(FieldDescriptor fd) {
            switch (fd.getType()) {
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

    /** JsonFormat's escaping: quotes, backslash, control characters, and the HTML-sensitive & ' < = > and U+2028/9. */
    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\b': out.append("\\b"); break;
                case '\t': out.append("\\t"); break;
                case '\n': out.append("\\n"); break;
                case '\f': out.append("\\f"); break;
                case '\r': out.append("\\r"); break;
                case '&':
                case '\'':
                case '<':
                case '=':
                case '>':
                case '\u2028':
                case '\u2029':
                    unicode(out, c);
                    break;
                default:
                    if (c < 0x20) {
                        unicode(out, c);
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    private static void unicode(StringBuilder out, char c) {
        out.append("\\u").append(HEX[c >> 12 & 15]).append(HEX[c >> 8 & 15]).append(HEX[c >> 4 & 15]).append(HEX[c & 15]);
    }
}
