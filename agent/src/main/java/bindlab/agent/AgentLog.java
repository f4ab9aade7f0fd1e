// The agent's log through java.util.logging, which grpc and netty use too: stderr, plus a rotating file, because
// agents run for weeks as services. JUL is part of the JDK: logback's XML configuration loaded about 500 classes,
// and slf4j's API with its JUL binding cost an idle Java 8 agent 0.2-0.3 MB more (docs/PERFORMANCE.md).
package bindlab.agent;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.TimeZone;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

public final class AgentLog {
    static final long ROLL_BYTES = 10L * 1024 * 1024;
    static final int KEEP = 5;

    private AgentLog() {
    }

    /** Stderr only, one line per event ("12:00:01.234 INFO  agent ..."); gRPC's own chatter from WARN up. */
    public static void init() {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.INFO);
        ConsoleHandler err = new ConsoleHandler(); // System.err
        err.setLevel(Level.ALL);
        err.setFormatter(new Line(false, "agent "));
        root.addHandler(err);
        Logger.getLogger("io.grpc").setLevel(Level.WARNING);
    }

    /** dir/bindlab-agent.log, rolled at 10 MB, keeping 5 old files; if dir is not writable, stderr only. */
    static void rotateInto(File dir) {
        if (!dir.isDirectory() && !dir.mkdirs() || !dir.canWrite()) {
            System.err.println("bindlab-agent: --log-dir " + dir + " cannot be written; logging to stderr only");
            return;
        }
        Rolling file = new Rolling(dir);
        file.setFormatter(new Line(true, ""));
        file.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(file);
    }

    /** One event per line: time, level (ERROR, WARN, INFO, DEBUG), message, and the stack trace if any. */
    static final class Line extends Formatter {
        private final boolean dateAndZone;
        private final String tag;

        Line(boolean dateAndZone, String tag) {
            this.dateAndZone = dateAndZone;
            this.tag = tag;
        }

        @Override
        public String format(LogRecord r) {
            StringBuilder s = new StringBuilder(64);
            time(s, r.getMillis(), TimeZone.getDefault(), dateAndZone);
            String level = level(r.getLevel());
            s.append(' ').append(level).append("     ", level.length(), 5).append(' ').append(tag)
                    .append(formatMessage(r)).append(System.lineSeparator());
            if (r.getThrown() != null) {
                StringWriter w = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(w));
                s.append(w);
            }
            return s.toString();
        }

        /**
         * HH:mm:ss.SSS, or yyyy-MM-ddTHH:mm:ss.SSS+hh:mm (Z for UTC), in the zone's local time. Written out by hand:
         * SimpleDateFormat and java.time load the JDK's locale data, about 3 MB of an idle agent's 64.
         */
        static void time(StringBuilder s, long millis, TimeZone zone, boolean dateAndZone) {
            int offsetMs = zone.getOffset(millis);
            long local = millis + offsetMs;
            long days = Math.floorDiv(local, 86_400_000L);
            long ms = Math.floorMod(local, 86_400_000L);
            if (dateAndZone) { // days to civil date: H. Hinnant's algorithm, proleptic Gregorian like ISO 8601
                long z = days + 719_468;
                long era = Math.floorDiv(z, 146_097);
                long doe = z - era * 146_097;
                long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
                long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
                long mp = (5 * doy + 2) / 153;
                long month = mp < 10 ? mp + 3 : mp - 9;
                long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
                pad(s, year, 4).append('-');
                pad(s, month, 2).append('-');
                pad(s, doy - (153 * mp + 2) / 5 + 1, 2).append('T');
            }
            pad(s, ms / 3_600_000, 2).append(':');
            pad(s, ms / 60_000 % 60, 2).append(':');
            pad(s, ms / 1000 % 60, 2).append('.');
            pad(s, ms % 1000, 3);
            if (dateAndZone) {
                if (offsetMs == 0) {
                    s.append('Z');
                } else {
                    int minutes = Math.abs(offsetMs) / 60_000;
                    s.append(offsetMs < 0 ? '-' : '+');
                    pad(s, minutes / 60, 2).append(':');
                    pad(s, minutes % 60, 2);
                }
            }
        }

        private static StringBuilder pad(StringBuilder s, long value, int width) {
            String digits = Long.toString(value);
            for (int i = digits.length(); i < width; i++) {
                s.append('0');
            }
            return s.append(digits);
        }

        static String level(Level l) {
            int v = l.intValue();
            return v >= Level.SEVERE.intValue() ? "ERROR" : v >= Level.WARNING.intValue() ? "WARN"
                    : v >= Level.INFO.intValue() ? "INFO" : v >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
        }
    }

    /** dir/bindlab-agent.log; past ROLL_BYTES it becomes bindlab-agent.1.log (older ones move up, the 5th is dropped). */
    static final class Rolling extends Handler {
        private final File dir;
        private OutputStream out;
        private long size;

        Rolling(File dir) {
            this.dir = dir;
        }

        private File file(int i) {
            return new File(dir, i == 0 ? "bindlab-agent.log" : "bindlab-agent." + i + ".log");
        }

        @Override
        public synchronized void publish(LogRecord r) {
            if (!isLoggable(r)) {
                return;
            }
            try {
                byte[] line = getFormatter().format(r).getBytes("UTF-8");
                if (out == null) {
                    out = new FileOutputStream(file(0), true);
                    size = file(0).length();
                }
                if (size > 0 && size + line.length > ROLL_BYTES) {
                    roll();
                }
                out.write(line);
                out.flush();
                size += line.length;
            } catch (IOException e) {
                reportError("cannot write " + file(0), e, 0);
            }
        }

        private void roll() throws IOException {
            out.close();
            file(KEEP).delete();
            for (int i = KEEP - 1; i >= 0; i--) {
                file(i).renameTo(file(i + 1));
            }
            out = new FileOutputStream(file(0), true);
            size = 0;
        }

        @Override
        public synchronized void flush() {
            try {
                if (out != null) {
                    out.flush();
                }
            } catch (IOException e) {
                reportError("cannot flush " + file(0), e, 0);
            }
        }

        @Override
        public synchronized void close() {
            try {
                if (out != null) {
                    out.close();
                }
            } catch (IOException e) {
                reportError("cannot close " + file(0), e, 0);
            }
            out = null;
        }
    }
}
