package io.eventflow.capacity.measure;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** SQS requests, one per started 64 KB of payload; receives with and without messages apart. */
final class SqsCounting {
    private SqsCounting() {}

    static boolean count(String caller, String op, SdkRequest request, SdkResponse response) {
        Tally t = Tally.GLOBAL;
        if (request instanceof SendMessageRequest r) {
            t.add(caller, "sqs.SendMessage.requests", CallCounter.chunks(CallCounter.utf8(r.messageBody())));
            t.add(caller, "sqs.messagesSent", 1);
        } else if (request instanceof SendMessageBatchRequest r) {
            t.add(
                    caller,
                    "sqs.SendMessageBatch.requests",
                    CallCounter.chunks(r.entries().stream()
                            .mapToInt(e -> CallCounter.utf8(e.messageBody()))
                            .sum()));
            t.add(caller, "sqs.messagesSent", r.entries().size());
        } else if (response instanceof ReceiveMessageResponse m) {
            if (m.messages().isEmpty()) {
                t.add(caller, "sqs.ReceiveMessage.emptyRequests", 1);
            } else {
                t.add(
                        caller,
                        "sqs.ReceiveMessage.requests",
                        CallCounter.chunks(m.messages().stream()
                                .mapToInt(x -> CallCounter.utf8(x.body()))
                                .sum()));
                t.add(caller, "sqs.messagesReceived", m.messages().size());
            }
        } else if (op != null && op.startsWith("DeleteMessage")) {
            t.add(caller, "sqs." + op + ".requests", 1);
        } else {
            return false;
        }
        return true;
    }
}
