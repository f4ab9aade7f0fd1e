// Tells the user how a campaign advances: a progress bar with ETA on a terminal, periodic plain lines otherwise.
package bindlab.coordinator.run;

import bindlab.proto.v1.CellRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

public final class Progress implements AutoCloseable {
    private static final long PLAIN_EVERY_MS = 5000;

    private final PrintWriter out;
    private final int total;
    private final Map<String, Integer> perHostTotal;
    private final Map<String, AtomicInteger> perHostDone = new ConcurrentHashMap<>();
    private final AtomicInteger done = new AtomicInteger();
    private final long started = System.currentTimeMillis();
    private final ProgressBar bar;
    private long lastPlain = started;

    /** bar: draw a terminal progress bar (only when stdout is a terminal and not --quiet). */
    public Progress(PrintWriter out, Map<String, Integer> perHostTotal, boolean bar) {
        this.out = out;
        this.perHostTotal = new TreeMap<>(perHostTotal);
        this.total = perHostTotal.values().stream().mapToInt(Integer::intValue).sum();
        perHostTotal.keySet().forEach(h -> perHostDone.put(h, new AtomicInteger()));
        this.bar = bar ? new ProgressBarBuilder().setTaskName("cells").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed().build() : null;
    }

    /** One cell has its final record (a result or INFRA_ERROR after the last retry). */
    public synchronized void cellDone(CellRecord rec) {
        done.incrementAndGet();
        perHostDone.computeIfAbsent(rec.getTargetHost(), h -> new AtomicInteger()).incrementAndGet();
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(perHost());
        } else if (System.currentTimeMillis() - lastPlain >= PLAIN_EVERY_MS) {
            lastPlain = System.currentTimeMillis();
            out.println(line());
            out.flush();
        }
    }

    /** Something the user must see even with a bar (an agent lost, a retry). */
    public synchronized void note(String message) {
        if (bar != null) {
            bar.setExtraMessage(message);
        }
        out.println(message);
        out.flush();
    }

    String line() {
        int d = done.get();
        long elapsed = System.currentTimeMillis() - started;
        String eta = d == 0 ? "?" : format(Duration.ofMillis(elapsed * (total - d) / d));
        return String.format("progress: %d/%d cells (%d%%), elapsed %s, ETA %s; %s", d, total,
                total == 0 ? 100 : 100 * d / total, format(Duration.ofMillis(elapsed)), eta, perHost());
    }

    private String perHost() {
        StringBuilder s = new StringBuilder();
        perHostTotal.forEach((h, t) -> s.append(s.length() == 0 ? "" : ", ").append(h).append(' ')
                .append(perHostDone.get(h).get()).append('/').append(t));
        return s.toString();
    }

    private static String format(Duration d) {
        return d.toHours() > 0 ? d.toHours() + "h" + d.toMinutesPart() + "m" : d.toMinutes() + "m" + d.toSecondsPart() + "s";
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
