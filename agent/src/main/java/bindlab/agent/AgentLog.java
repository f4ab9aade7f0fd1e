// The agent's log through java.util.logging (slf4j-jdk14 binds slf4j to it): stderr, plus a rotating file, because
// agents run for weeks as services. JUL is part of the JDK, so the agent loads a few dozen classes for logging where
// logback's XML configuration loaded about 500, and its jar is 0.7 MB smaller.
package bindlab.agent;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.text.SimpleDateFormat;
import java.util.Date;
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
        err.setFormatter(new Line("HH:mm:ss.SSS", "agent "));
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
        file.setFormatter(new Line("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", ""));
        file.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(file);
    }

    /** One event per line: time, level in slf4j's words, message, and the stack trace if any. */
    static final class Line extends Formatter {
        private final String datePattern;
        private final String tag;

        Line(String datePattern, String tag) {
            this.datePattern = datePattern;
            this.tag = tag;
        }

        @Override
        public String format(LogRecord r) {
            StringBuilder s = new StringBuilder(new SimpleDateFormat(datePattern).format(new Date(r.getMillis())))
                    .append(' ').append(String.format("%-5s", level(r.getLevel()))).append(' ').append(tag)
                    .append(formatMessage(r)).append(System.lineSeparator());
            if (r.getThrown() != null) {
                StringWriter w = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(w));
                s.append(w);
            }
            return s.toString();
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
