package io.eventflow.redrive;

import io.eventflow.events.PermanentException;
import io.eventflow.events.StrictJson;
import java.util.Map;

/**
 * A manual DLQ operation.
 *
 * @param dlqUrl         the dead-letter queue (or give {@code dlqName})
 * @param sourceQueueUrl where to move messages back; default: the one queue whose RedrivePolicy names the DLQ
 * @param maxMessages    inspect: how many to show (default {@value #DEFAULT_INSPECT}); redrive: at most this many
 *                       (default: all)
 * @param inspectOnly    look, move nothing
 */
public record RedriveRequest(
        String dlqUrl, String dlqName, String sourceQueueUrl, Integer maxMessages, Boolean inspectOnly) {
    public static final int DEFAULT_INSPECT = 10;
    public static final int MAX_INSPECT = 100;
    public static final int MAX_REDRIVE = 100_000;

    public RedriveRequest {
        inspectOnly = inspectOnly != null && inspectOnly;
        if (blank(dlqUrl) == blank(dlqName)) {
            throw new PermanentException("give exactly one of dlqUrl and dlqName");
        }
        int limit = inspectOnly ? MAX_INSPECT : MAX_REDRIVE;
        if (maxMessages != null && (maxMessages < 1 || maxMessages > limit)) {
            throw new PermanentException("maxMessages must be 1.." + limit + ", got " + maxMessages);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Reads a manual-invoke payload; unknown fields are refused (a misspelt inspectOnly must not move messages). */
    public static RedriveRequest fromJson(Map<String, ?> payload) {
        if (payload == null) {
            throw new PermanentException(
                    "empty request: expected {dlqUrl | dlqName, sourceQueueUrl?, maxMessages?, inspectOnly?}");
        }
        return StrictJson.read(payload, RedriveRequest.class, "redrive request");
    }
}
