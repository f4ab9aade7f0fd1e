// The journal's JSON printer (WireJson) against protobuf's JsonFormat: the same bytes for real lab records and for
// thousands of seeded random records that set every field of every message a CellRecord holds, with hostile strings,
// negative and unsigned extremes, unknown enum numbers and maps.
package bindlab.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.RunManifest;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonLineTest {
    static final JsonFormat.Printer JSON = JsonFormat.printer().omittingInsignificantWhitespace();
    static final String[] STRINGS = {"", "bind", "état → ok", "a\"b\\c", "<&'=>", "\u0000\u001f\u007f", "\u2028\u2029",
        "\ud83d\ude00", "\ufeff", "line\nbreak\ttab\rcr\bb\ff", "198.18.0.2", "::ffff:198.18.0.2"};

    @Test
    void realLabRecordsPrintAsJsonFormatDoes() throws Exception {
        Path file = Paths.get("../coordinator/src/test/resources/fixtures/real-lab-run/journal.jsonl");
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String json = line.startsWith("{\"record\":") ? line.substring(10, line.lastIndexOf(",\"crc32\"")) : line;
            if (json.contains("bindlab_journal")) {
                continue;
            }
            CellRecord.Builder b = CellRecord.newBuilder();
            JsonFormat.parser().merge(json, b);
            assertThat(WireJson.print(b.build())).isEqualTo(JSON.print(b.build()));
            n++;
        }
        assertThat(n).isPositive();
    }

    @Test
    void randomRecordsWithEveryFieldPrintAsJsonFormatDoes() throws Exception {
        Random r = new Random(20261201);
        for (int i = 0; i < 3000; i++) {
            Message m = fill(CellRecord.newBuilder(), r, 0).build();
            assertThat(WireJson.print(m)).as("record %d", i).isEqualTo(JSON.print(m));
        }
        for (int i = 0; i < 200; i++) {
            Message m = fill(RunManifest.newBuilder(), r, 0).build();
            assertThat(WireJson.print(m)).isEqualTo(JSON.print(m));
        }
        assertThat(WireJson.print(CellRecord.getDefaultInstance())).isEqualTo("{}");
    }

    /** Sets each field with probability 1/2, to a random value of its type; nested messages to depth 3. */
    static <B extends Message.Builder> B fill(B b, Random r, int depth) {
        for (FieldDescriptor fd : b.getDescriptorForType().getFields()) {
            if (r.nextBoolean()) {
                continue;
            }
            int count = fd.isRepeated() ? r.nextInt(4) : 1;
            java.util.Set<Object> keys = new java.util.HashSet<Object>(); // a map has each key once
            for (int k = 0; k < count; k++) {
                Object v;
                if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                    if (depth >= 3 && !fd.isMapField()) {
                        continue;
                    }
                    Message.Builder sub = b.newBuilderForField(fd);
                    v = fd.isMapField() ? sub.setField(sub.getDescriptorForType().findFieldByNumber(1), random(
                            sub.getDescriptorForType().findFieldByNumber(1), r)).setField(sub.getDescriptorForType()
                            .findFieldByNumber(2), random(sub.getDescriptorForType().findFieldByNumber(2), r)).build()
                            : fill(sub, r, depth + 1).build();
                } else {
                    v = random(fd, r);
                }
                if (fd.isMapField() && !keys.add(((Message) v).getField(fd.getMessageType().findFieldByNumber(1)))) {
                    continue;
                }
                if (fd.isRepeated()) {
                    b.addRepeatedField(fd, v);
                } else {
                    b.setField(fd, v);
                }
            }
        }
        return b;
    }

    static Object random(FieldDescriptor fd, Random r) {
        switch (fd.getJavaType()) {
            case STRING:
                return STRINGS[r.nextInt(STRINGS.length)] + (r.nextBoolean() ? "" : Integer.toString(r.nextInt()));
            case INT:
                return r.nextInt(4) == 0 ? Integer.MIN_VALUE : r.nextInt(4) == 0 ? -1 : r.nextInt();
            case LONG:
                return r.nextInt(4) == 0 ? Long.MIN_VALUE : r.nextInt(4) == 0 ? -1L : r.nextLong();
            case BOOLEAN:
                return r.nextBoolean();
            case ENUM:
                return r.nextInt(5) == 0 ? fd.getEnumType().findValueByNumberCreatingIfUnknown(900 + r.nextInt(9))
                        : fd.getEnumType().getValues().get(r.nextInt(fd.getEnumType().getValues().size()));
            default:
                throw new AssertionError("no random value for " + fd.getJavaType() + " (" + fd.getFullName()
                        + "): teach WireJson and this test about it");
        }
    }
}
