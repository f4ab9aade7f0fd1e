// The agent ships okio 1.x under grpc-okhttp, which is built against okio 3 (agent/pom.xml says why). A call that
// okio 1.x lacks would fail only when that path runs, so every okio method and field grpc-okhttp's classes refer to
// is looked up here, in the okio on the class path, with its exact descriptor.
package bindlab.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.okhttp.OkHttpChannelBuilder;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

class OkioCompatibilityTest {

    @Test
    void everyOkioMemberGrpcOkhttpUsesExistsInTheShippedOkio() throws Exception {
        File jar = new File(OkHttpChannelBuilder.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> refs = new TreeSet<String>();
        try (JarFile j = new JarFile(jar)) {
            for (Enumeration<JarEntry> e = j.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (entry.getName().endsWith(".class")) {
                    try (InputStream in = j.getInputStream(entry)) {
                        refs.addAll(okioMemberRefs(new DataInputStream(in)));
                    }
                }
            }
        }
        assertThat(refs).as("okio members referred to by " + jar.getName()).hasSizeGreaterThan(20);
        List<String> missing = new ArrayList<String>();
        for (String ref : refs) {
            if (!exists(ref)) {
                missing.add(ref);
            }
        }
        assertThat(missing).as("okio members grpc-okhttp calls that the shipped okio lacks").isEmpty();
    }

    @Test
    void theLookupTellsAMissingMemberFromAPresentOne() throws Exception {
        assertThat(exists("okio/Buffer readByteString (J)Lokio/ByteString;")).isTrue();
        assertThat(exists("okio/BufferedSource close ()V")).as("inherited from Source and Closeable").isTrue();
        assertThat(exists("okio/Buffer readByteString (I)Lokio/ByteString;")).as("another descriptor").isFalse();
        assertThat(exists("okio/Buffer commonReadUtf8 ()Ljava/lang/String;")).isFalse();
    }

    /** "owner name descriptor" of each Fieldref, Methodref and InterfaceMethodref to an okio class. */
    static List<String> okioMemberRefs(DataInputStream in) throws IOException {
        in.readInt(); // magic
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[][] refs = new int[count][];
        int[] classNames = new int[count];
        int[][] nameAndTypes = new int[count][];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1: utf8[i] = in.readUTF(); break;
                case 7: classNames[i] = in.readUnsignedShort(); break;
                case 9: case 10: case 11: refs[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()}; break;
                case 12: nameAndTypes[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()}; break;
                case 3: case 4: case 17: case 18: in.readInt(); break;
                case 5: case 6: in.readLong(); i++; break; // takes two entries
                case 8: case 16: case 19: case 20: in.readUnsignedShort(); break;
                case 15: in.readUnsignedByte(); in.readUnsignedShort(); break;
                default: throw new IOException("unknown constant pool tag " + tag);
            }
        }
        List<String> out = new ArrayList<String>();
        for (int[] r : refs) {
            if (r == null) {
                continue;
            }
            String owner = utf8[classNames[r[0]]];
            if (owner.startsWith("okio/")) {
                int[] nt = nameAndTypes[r[1]];
                out.add(owner + " " + utf8[nt[0]] + " " + utf8[nt[1]]);
            }
        }
        return out;
    }

    static boolean exists(String ref) throws ClassNotFoundException {
        String[] p = ref.split(" ");
        Class<?> owner = Class.forName(p[0].replace('/', '.'), false, OkioCompatibilityTest.class.getClassLoader());
        if (!p[2].startsWith("(")) {
            for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.getName().equals(p[1]) && descriptor(f.getType()).equals(p[2])) {
                        return true;
                    }
                }
            }
            return false;
        }
        if (p[1].equals("<init>")) {
            for (Constructor<?> k : owner.getDeclaredConstructors()) {
                if (descriptor(k.getParameterTypes(), void.class).equals(p[2])) {
                    return true;
                }
            }
            return false;
        }
        return hasMethod(owner, p[1], p[2]);
    }

    /** In the class, its superclasses or any interface it inherits. */
    private static boolean hasMethod(Class<?> c, String name, String desc) {
        if (c == null) {
            return false;
        }
        for (Method m : c.getDeclaredMethods()) {
            if (m.getName().equals(name) && descriptor(m.getParameterTypes(), m.getReturnType()).equals(desc)) {
                return true;
            }
        }
        for (Class<?> i : c.getInterfaces()) {
            if (hasMethod(i, name, desc)) {
                return true;
            }
        }
        return hasMethod(c.getSuperclass(), name, desc) || (c.isInterface() && hasMethod(Object.class, name, desc));
    }

    private static String descriptor(Class<?>[] params, Class<?> ret) {
        StringBuilder b = new StringBuilder("(");
        for (Class<?> t : params) {
            b.append(descriptor(t));
        }
        return b.append(')').append(descriptor(ret)).toString();
    }

    private static String descriptor(Class<?> t) {
        if (t.isArray()) {
            return t.getName().replace('.', '/');
        }
        if (!t.isPrimitive()) {
            return "L" + t.getName().replace('.', '/') + ";";
        }
        if (t == void.class) {
            return "V";
        }
        if (t == boolean.class) {
            return "Z";
        }
        if (t == long.class) {
            return "J";
        }
        return String.valueOf(Character.toUpperCase(t.getName().charAt(0))); // B C D F I S
    }
}
