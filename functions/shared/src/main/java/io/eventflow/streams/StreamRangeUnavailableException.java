package io.eventflow.streams;

import io.eventflow.events.PermanentException;

/** The stream no longer has a failure record's range: its records were trimmed, or its shard or stream is gone. */
public final class StreamRangeUnavailableException extends PermanentException {
    public StreamRangeUnavailableException(String message) {
        super(message);
    }

    public StreamRangeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
