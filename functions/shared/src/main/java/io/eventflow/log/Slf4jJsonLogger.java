package io.eventflow.log;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** One SLF4J logger of {@link Slf4jJsonProvider}: WARN and ERROR as JsonLog lines, the rest dropped. */
final class Slf4jJsonLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    private static final JsonLog LOG = JsonLog.of("sdk");

    Slf4jJsonLogger(String name) {
        this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    @Override
    public boolean isInfoEnabled() {
        return false;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        if (level == Level.ERROR) {
            LOG.error(message, throwable, "logger", name);
        } else if (level == Level.WARN) {
            LOG.warn(message, throwable, "logger", name);
        }
    }
}
