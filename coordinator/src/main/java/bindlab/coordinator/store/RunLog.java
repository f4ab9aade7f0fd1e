// Sends the coordinator's log into the run's store for the duration of a run.
package bindlab.coordinator.store;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

public final class RunLog implements AutoCloseable {
    public static final String FILE = "coordinator.log";
    private final FileAppender<ILoggingEvent> appender;
    private final Logger root;

    private RunLog(FileAppender<ILoggingEvent> appender, Logger root) {
        this.appender = appender;
        this.root = root;
    }

    /** INFO and up from every logger goes to runDir/coordinator.log (the terminal keeps showing warnings only). */
    public static RunLog attach(Path runDir) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder enc = new PatternLayoutEncoder();
        enc.setContext(ctx);
        enc.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSX} %-5level [%thread] %logger{20} %msg%n");
        enc.start();
        FileAppender<ILoggingEvent> fa = new FileAppender<>();
        fa.setContext(ctx);
        fa.setName("run");
        fa.setFile(runDir.resolve(FILE).toString());
        fa.setAppend(true);
        fa.setEncoder(enc);
        fa.start();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(fa);
        Logger bindlab = ctx.getLogger("bindlab");
        bindlab.setLevel(ch.qos.logback.classic.Level.INFO);
        return new RunLog(fa, root);
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
