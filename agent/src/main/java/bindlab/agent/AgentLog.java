// Sends the agent's log to a rotating file as well as stderr: agents run for weeks as services.
package bindlab.agent;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.File;
import org.slf4j.LoggerFactory;

final class AgentLog {
    private AgentLog() {
    }

    /** dir/bindlab-agent.log, rolled at 10 MB, keeping 5 old files; if dir is not writable, stderr only. */
    static void rotateInto(File dir) {
        if (!dir.isDirectory() && !dir.mkdirs() || !dir.canWrite()) {
            System.err.println("bindlab-agent: --log-dir " + dir + " cannot be written; logging to stderr only");
            return;
        }
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<ILoggingEvent>();
        file.setContext(ctx);
        file.setName("file");
        file.setFile(new File(dir, "bindlab-agent.log").getPath());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(ctx);
        rolling.setParent(file);
        rolling.setFileNamePattern(new File(dir, "bindlab-agent.%i.log").getPath());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(5);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<ILoggingEvent>();
        trigger.setContext(ctx);
        trigger.setMaxFileSize(FileSize.valueOf("10MB"));
        trigger.start();
        PatternLayoutEncoder enc = new PatternLayoutEncoder();
        enc.setContext(ctx);
        enc.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSX} %-5level %msg%n");
        enc.start();
        file.setEncoder(enc);
        file.setRollingPolicy(rolling);
        file.setTriggeringPolicy(trigger);
        file.start();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(file);
    }
}
