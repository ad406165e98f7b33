package org.modsweep.driver.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;

/** Records every log line (Spark's, Hadoop's and ours at info and above) while open. */
public final class LogCapture extends AbstractAppender implements AutoCloseable {

    private static final String[] LOGGERS = {"org.apache.spark", "org.apache.hadoop", "org.modsweep"};

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final List<Level> previous = new ArrayList<>();

    public LogCapture() {
        super("capture-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY);
        start();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        config.addAppender(this);
        config.getRootLogger().addAppender(this, Level.ALL, null);
        for (String l : LOGGERS) {
            previous.add(LogManager.getLogger(l).getLevel());
            Configurator.setLevel(l, Level.INFO);
        }
        ctx.updateLoggers();
    }

    @Override
    public void append(LogEvent event) {
        StringBuilder s = new StringBuilder(event.getLoggerName())
                .append(' ')
                .append(event.getMessage().getFormattedMessage());
        if (event.getThrown() != null) {
            s.append(' ').append(event.getThrown());
        }
        lines.add(s.toString());
    }

    public List<String> lines() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().getRootLogger().removeAppender(getName());
        for (int i = 0; i < LOGGERS.length; i++) {
            Configurator.setLevel(LOGGERS[i], previous.get(i));
        }
        ctx.updateLoggers();
        stop();
    }
}
