// The append-only journal of cell results: one JSON record per line, fsynced before the next cell starts, so a
// crash loses at most the line being written; a torn last line is skipped when reading.
package bindlab.coordinator.store;

import bindlab.proto.v1.CellRecord;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

public final class Journal implements AutoCloseable {
    public static final String FILE = "journal.jsonl";
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private final FileChannel channel;

    private Journal(FileChannel channel) {
        this.channel = channel;
    }

    /** Opens for appending; a torn last line (a crash mid-write) is cut off first so new records start clean. */
    public static Journal append(Path runDir) throws IOException {
        FileChannel ch = FileChannel.open(runDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        long end = ch.size();
        long keep = end;
        ByteBuffer one = ByteBuffer.allocate(1);
        while (keep > 0) {
            one.clear();
            ch.read(one, keep - 1);
            if (one.get(0) == '\n') {
                break;
            }
            keep--;
        }
        if (keep < end) {
            ch.truncate(keep);
            ch.force(true);
        }
        ch.position(keep);
        return new Journal(ch);
    }

    public synchronized void write(CellRecord record) throws IOException {
        ByteBuffer line = ByteBuffer.wrap((PRINTER.print(record) + "\n").getBytes(StandardCharsets.UTF_8));
        while (line.hasRemaining()) {
            channel.write(line);
        }
        channel.force(true);
    }

    /**
     * Reads every record. A malformed last line is a torn write from a crash and is skipped; a malformed line
     * anywhere else is corruption and fails naming the file and line.
     */
    public static List<CellRecord> read(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<CellRecord> records = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            CellRecord.Builder b = CellRecord.newBuilder();
            try {
                JsonFormat.parser().merge(line, b);
                records.add(b.build());
            } catch (InvalidProtocolBufferException e) {
                if (i < lines.size() - 1) {
                    throw new IOException(file + ":" + (i + 1) + ": journal record is corrupt: " + e.getMessage(), e);
                }
            }
        }
        return records;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
