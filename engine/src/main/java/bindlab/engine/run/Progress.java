// Tells the user how a campaign advances: a progress line with cells done, elapsed time and an estimate of the time
// left, every few seconds; or, on a terminal, a bar the caller supplies.
package bindlab.engine.run;

import bindlab.proto.v1.CellRecord;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

public class Progress implements Campaign.Events, AutoCloseable {
    /** A terminal progress bar (the coordinator's is me.tongfei's). */
    public interface Bar extends AutoCloseable {
        void step(String extra);

        void message(String text);

        @Override
        void close();
    }

    private static final long PLAIN_EVERY_MS = 5000;

    private final PrintWriter out;
    private final int total;
    private final Map<String, Integer> perHostTotal;
    private final Map<String, AtomicInteger> perHostDone = new ConcurrentHashMap<String, AtomicInteger>();
    private final AtomicInteger done = new AtomicInteger();
    private final long started = System.currentTimeMillis();
    private final Bar bar;
    private long lastPlain = started;

    /** bar: null for plain lines. */
    public Progress(PrintWriter out, Map<String, Integer> perHostTotal, Bar bar) {
        this.out = out;
        this.perHostTotal = new TreeMap<String, Integer>(perHostTotal);
        int t = 0;
        for (Map.Entry<String, Integer> e : perHostTotal.entrySet()) {
            t += e.getValue();
            perHostDone.put(e.getKey(), new AtomicInteger());
        }
        this.total = t;
        this.bar = bar;
    }

    @Override
    public synchronized void cellDone(CellRecord rec) {
        done.incrementAndGet();
        AtomicInteger h = perHostDone.get(rec.getTargetHost());
        if (h != null) {
            h.incrementAndGet();
        }
        if (bar != null) {
            bar.step(perHost());
        } else if (System.currentTimeMillis() - lastPlain >= PLAIN_EVERY_MS) {
            lastPlain = System.currentTimeMillis();
            out.println(line());
            out.flush();
        }
    }

    @Override
    public synchronized void note(String message) {
        if (bar != null) {
            bar.message(message);
        }
        out.println(message);
        out.flush();
    }

    /** "progress: 120/2293 cells (5%), elapsed 0m12s, ETA 3m37s, 9.8 cells/s; target-1 120/2293". */
    public String line() {
        int d = done.get();
        long elapsed = System.currentTimeMillis() - started;
        String eta = d == 0 ? "?" : format(elapsed * (total - d) / d);
        return String.format("progress: %d/%d cells (%d%%), elapsed %s, ETA %s, %.1f cells/s; %s", d, total,
                total == 0 ? 100 : 100 * d / total, format(elapsed), eta, d * 1000.0 / Math.max(1, elapsed), perHost());
    }

    /** Cells finished so far. */
    public int done() {
        return done.get();
    }

    /** Milliseconds since the campaign started. */
    public long elapsedMs() {
        return System.currentTimeMillis() - started;
    }

    private String perHost() {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, Integer> e : perHostTotal.entrySet()) {
            s.append(s.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                    .append(perHostDone.get(e.getKey()).get()).append('/').append(e.getValue());
        }
        return s.toString();
    }

    static String format(long ms) {
        long s = ms / 1000;
        return s >= 3600 ? s / 3600 + "h" + s % 3600 / 60 + "m" : s / 60 + "m" + s % 60 + "s";
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
        }
        out.println(line());
        out.flush();
    }
}
