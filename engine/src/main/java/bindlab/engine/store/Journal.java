// The append-only journal of cell results, one record per line, each with a CRC-32 of its bytes so corruption
// inside a line is detected and named. A record is acknowledged only once it is on disk: a sync thread fsyncs
// everything written since its last fsync (group commit) and then completes each record's future, so writers go on
// without waiting for the disk. A torn last line from a crash is skipped when read and cut off before appending.
package bindlab.engine.store;

import bindlab.engine.BadInput;
import bindlab.engine.InputLimits;
import bindlab.proto.v1.CellRecord;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.zip.CRC32;

public final class Journal implements AutoCloseable {
    public static final String FILE = "journal.jsonl";
    /** The first line of a checksummed journal; journals without it (written before) are read without checksums. */
    static final String HEADER = "{\"bindlab_journal\":2}";
    private static final String PREFIX = "{\"record\":";
    private static final String CRC = ",\"crc32\":\"";
    private static final int TAIL = CRC.length() + 8 + 2; // ,"crc32":"xxxxxxxx"}
    private static final JsonFormat.Parser PARSER = JsonFormat.parser();

    private final FileChannel channel;
    /** Guards everything below; the file is written under it, fsync runs outside it on the sync thread. */
    private final Object lock = new Object();
    private long written;
    private long synced;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<Waiting>();
    private IOException failed;
    private Thread syncer;
    private boolean closed;
    /** What this handle appended, in file order: the run's records without reading the file back. */
    private final List<CellRecord> added = new ArrayList<CellRecord>();

    private Journal(FileChannel channel) {
        this.channel = channel;
    }

    /** A record written but not yet on disk, and who waits for it. */
    private static final class Waiting {
        final long seq;
        final CompletableFuture<Void> durable = new CompletableFuture<Void>();

        Waiting(long seq) {
            this.seq = seq;
        }
    }

    /** A new, empty journal (its header only), fsynced. */
    public static void create(Path runDir) throws IOException {
        try (FileChannel ch = FileChannel.open(runDir.resolve(FILE), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            writeFully(ch, (HEADER + "\n").getBytes(StandardCharsets.UTF_8));
            ch.force(true);
        }
    }

    /** Opens for appending; a torn last line (a crash mid-write) is cut off first, so new records start clean. */
    public static Journal append(Path runDir) throws IOException {
        FileChannel ch = FileChannel.open(runDir.resolve(FILE), StandardOpenOption.WRITE, StandardOpenOption.READ);
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

    /** Appends the record and returns once it is on disk; concurrent callers share one fsync. */
    public void write(CellRecord record) throws IOException {
        try {
            add(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted waiting for the journal's fsync");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException ? (IOException) e.getCause()
                    : new IOException("journal: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Appends the record now (in the file, so a crash of this process keeps it) and returns a future that completes
     * once it is on disk: acknowledge the record only then. One sync thread runs fsync for every record written
     * since the last one (group commit), so writers never wait for the disk and share its cost.
     */
    public CompletableFuture<Void> add(CellRecord record) throws IOException {
        byte[] line = line(record);
        synchronized (lock) {
            if (failed != null) {
                throw new IOException("the journal could not be synced earlier: " + failed.getMessage(), failed);
            }
            if (closed) {
                throw new IOException("the journal is closed");
            }
            writeFully(channel, line);
            added.add(record);
            Waiting w = new Waiting(++written);
            waiting.add(w);
            if (syncer == null) {
                syncer = new Thread(this::syncLoop, "bindlab-journal-sync");
                syncer.setDaemon(true);
                syncer.start();
            }
            lock.notifyAll();
            return w.durable;
        }
    }

    /** The records this handle appended, in the order they are in the file. */
    public List<CellRecord> written() {
        synchronized (lock) {
            return new ArrayList<CellRecord>(added);
        }
    }

    /** Returns once every record added so far is on disk; rethrows a failed fsync. */
    public void sync() throws IOException, InterruptedException {
        synchronized (lock) {
            while (failed == null && synced < written) {
                lock.wait();
            }
            if (failed != null) {
                throw failed;
            }
        }
    }

    private void syncLoop() {
        while (true) {
            long upTo;
            synchronized (lock) {
                while (synced == written && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (synced == written) {
                    return; // closed, and nothing left to sync
                }
                upTo = written;
            }
            List<Waiting> done = new ArrayList<Waiting>();
            IOException error = null;
            try {
                channel.force(false);
            } catch (IOException e) {
                error = e;
            }
            synchronized (lock) {
                if (error != null) {
                    failed = error;
                    done.addAll(waiting);
                    waiting.clear();
                } else {
                    synced = upTo;
                    while (!waiting.isEmpty() && waiting.peek().seq <= upTo) {
                        done.add(waiting.poll());
                    }
                }
                lock.notifyAll();
            }
            for (Waiting w : done) {
                if (error != null) {
                    w.durable.completeExceptionally(error);
                } else {
                    w.durable.complete(null);
                }
            }
            if (error != null) {
                return;
            }
        }
    }

    /** One journal line: the record's JSON and the CRC-32 of its bytes. */
    static byte[] line(CellRecord record) throws IOException {
        byte[] body = WireJson.utf8(record); // JsonFormat's bytes, several times faster
        byte[] head = PREFIX.getBytes(StandardCharsets.UTF_8);
        byte[] tail = (CRC + crc(body, 0, body.length) + "\"}\n").getBytes(StandardCharsets.UTF_8);
        byte[] line = new byte[head.length + body.length + tail.length];
        System.arraycopy(head, 0, line, 0, head.length);
        System.arraycopy(body, 0, line, head.length, body.length);
        System.arraycopy(tail, 0, line, head.length + body.length, tail.length);
        return line;
    }

    /**
     * Every record of a run. A last line without its newline is a torn write from a crash and is skipped; anything
     * else that is wrong (bad UTF-8, a checksum mismatch, bad JSON) is BadInput naming the file and line.
     */
    public static List<CellRecord> read(Path runDir) {
        Path file = runDir.resolve(FILE);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw BadInput.of(file.toString(), "no such file: not a bindlab run directory");
        } catch (IOException e) {
            throw BadInput.of(file.toString(), "cannot be read: " + e.getMessage());
        }
        List<CellRecord> records = new ArrayList<CellRecord>();
        boolean checksummed = false;
        int n = 0;
        int start = 0;
        while (start < bytes.length) {
            int end = indexOf(bytes, (byte) '\n', start);
            n++;
            if (end < 0) {
                break; // torn tail: the crash came mid-line
            }
            if (end - start > InputLimits.JOURNAL_LINE_BYTES) {
                throw new BadInput(file.toString(), n, "", "record is " + (end - start) + " bytes; the limit is "
                        + InputLimits.JOURNAL_LINE_BYTES);
            }
            String text = decode(file, n, bytes, start, end);
            start = end + 1;
            if (text.trim().isEmpty()) {
                continue;
            }
            if (n == 1 && text.equals(HEADER)) {
                checksummed = true;
                continue;
            }
            records.add(parse(file, n, text, checksummed));
        }
        return records;
    }

    private static CellRecord parse(Path file, int n, String text, boolean checksummed) {
        String json = text;
        if (checksummed || text.startsWith(PREFIX)) {
            if (!text.startsWith(PREFIX) || text.length() < PREFIX.length() + TAIL
                    || !text.startsWith(CRC, text.length() - TAIL) || !text.endsWith("\"}")) {
                throw new BadInput(file.toString(), n, "", "not a journal record line (no checksum wrapper)");
            }
            json = text.substring(PREFIX.length(), text.length() - TAIL);
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            String want = text.substring(text.length() - 10, text.length() - 2);
            String got = crc(body, 0, body.length);
            if (!got.equals(want)) {
                throw new BadInput(file.toString(), n, "crc32", "the record is corrupt: checksum " + got
                        + " does not match the stored " + want);
            }
        }
        if (json.indexOf('\0') >= 0) {
            throw new BadInput(file.toString(), n, "", "the record holds a NUL character: corrupt");
        }
        CellRecord.Builder b = CellRecord.newBuilder();
        try {
            PARSER.merge(json, b);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new BadInput(file.toString(), n, "", "journal record is corrupt: " + e.getMessage());
        }
        return b.build();
    }

    private static String decode(Path file, int n, byte[] bytes, int start, int end) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, end - start);
        CharBuffer out = CharBuffer.allocate(end - start);
        if (utf8.decode(in, out, true).isError()) {
            throw new BadInput(file.toString(), n, "", "is not valid UTF-8 (at byte " + in.position() + ")");
        }
        out.flip();
        return out.toString();
    }

    private static int indexOf(byte[] b, byte c, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    static String crc(byte[] b, int off, int len) {
        CRC32 c = new CRC32();
        c.update(b, off, len);
        return String.format(Locale.ROOT, "%08x", c.getValue());
    }

    private static void writeFully(FileChannel ch, byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /** Syncs what was written (waiting for it), then closes the file. */
    @Override
    public void close() throws IOException {
        Thread t;
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
            t = syncer;
        }
        try {
            if (t != null) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            channel.close();
        }
        synchronized (lock) {
            if (failed != null) {
                throw failed;
            }
        }
    }
}
