// A pure description of a C struct's memory layout under MSVC rules, evaluated for a given pointer size, so the
// 32-bit and 64-bit layouts of Win32 structures can be checked on any machine.
package bindlab.agent.jna.windows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class CLayout {
    /** MSVC's default packing (/Zp8): no member is aligned beyond 8 bytes. */
    private static final int MAX_ALIGN = 8;

    private final String name;
    private final Map<String, Integer> offsets;
    private final Map<String, Integer> sizes;
    private final int size;
    private final int alignment;

    private CLayout(String name, Map<String, Integer> offsets, Map<String, Integer> sizes, int size, int alignment) {
        this.name = name;
        this.offsets = offsets;
        this.sizes = sizes;
        this.size = size;
        this.alignment = alignment;
    }

    public static Builder of(String structName, int pointerSize) {
        if (pointerSize != 4 && pointerSize != 8) {
            throw new IllegalArgumentException("pointer size must be 4 or 8, not " + pointerSize);
        }
        return new Builder(structName, pointerSize);
    }

    public String name() {
        return name;
    }

    /** Total size including the tail padding that makes arrays of the struct keep their alignment. */
    public int size() {
        return size;
    }

    /** The strictest member alignment: where the struct may start, and what an array of it is aligned to. */
    public int alignment() {
        return alignment;
    }

    public int offset(String field) {
        return lookup(offsets, field);
    }

    public int sizeOf(String field) {
        return lookup(sizes, field);
    }

    /** Field names in declaration order: what a JNA Structure's field order must be. */
    public List<String> fieldNames() {
        return Collections.unmodifiableList(new ArrayList<String>(offsets.keySet()));
    }

    private int lookup(Map<String, Integer> map, String field) {
        Integer v = map.get(field);
        if (v == null) {
            throw new IllegalArgumentException(name + " has no field " + field);
        }
        return v;
    }

    /** Adds fields in declaration order; each is placed at the next offset its alignment allows. */
    public static final class Builder {
        private final String name;
        private final int pointerSize;
        private final Map<String, Integer> offsets = new LinkedHashMap<String, Integer>();
        private final Map<String, Integer> sizes = new LinkedHashMap<String, Integer>();
        private int next;
        private int structAlign = 1;

        private Builder(String name, int pointerSize) {
            this.name = name;
            this.pointerSize = pointerSize;
        }

        public Builder u8(String field) {
            return add(field, 1, 1);
        }

        public Builder u16(String field) {
            return add(field, 2, 2);
        }

        public Builder u32(String field) {
            return add(field, 4, 4);
        }

        /** A pointer or a pointer-sized integer (SOCKET, UINT_PTR, ULONG_PTR). */
        public Builder pointer(String field) {
            return add(field, pointerSize, pointerSize);
        }

        public Builder array(String field, int elementSize, int count) {
            return add(field, elementSize * count, elementSize);
        }

        public Builder pointerArray(String field, int count) {
            return add(field, pointerSize * count, pointerSize);
        }

        /** An array of nested structs (count 1 for C's ANYSIZE_ARRAY tables): aligned as the struct is. */
        public Builder structArray(String field, CLayout element, int count) {
            return add(field, element.size() * count, element.alignment());
        }

        public CLayout build() {
            int size = align(next, structAlign);
            return new CLayout(name, offsets, sizes, size, structAlign);
        }

        private Builder add(String field, int size, int naturalAlign) {
            if (offsets.containsKey(field)) {
                throw new IllegalArgumentException(name + "." + field + " declared twice");
            }
            int alignment = Math.min(naturalAlign, MAX_ALIGN);
            next = align(next, alignment);
            offsets.put(field, next);
            sizes.put(field, size);
            next += size;
            structAlign = Math.max(structAlign, alignment);
            return this;
        }

        private static int align(int offset, int alignment) {
            return (offset + alignment - 1) / alignment * alignment;
        }
    }
}
