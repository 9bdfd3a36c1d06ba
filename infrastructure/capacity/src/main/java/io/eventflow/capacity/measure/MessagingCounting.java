package io.eventflow.capacity.measure;

import software.amazon.awssdk.core.SdkRequest;

/**
 * EventBridge, SNS and SES, each in a method of its own: the JVM resolves a class named in a method only when the
 * method runs, so a function without, say, the EventBridge module never needs it.
 */
final class MessagingCounting {
    private MessagingCounting() {}

    static boolean putEvents(String caller, SdkRequest request) {
        if (!(request instanceof software.amazon.awssdk.services.eventbridge.model.PutEventsRequest r)) {
            return false;
        }
        Tally t = Tally.GLOBAL;
        t.add(caller, "eventbridge.PutEvents.requests", 1);
        t.add(caller, "eventbridge.entries", r.entries().size());
        // 64 KB chunks per entry; entry size = Time (14 bytes) + Source + DetailType + Detail + Resources
        r.entries()
                .forEach(e -> t.add(
                        caller,
                        "eventbridge.billedEvents",
                        CallCounter.chunks(14
                                + CallCounter.utf8(e.source())
                                + CallCounter.utf8(e.detailType())
                                + CallCounter.utf8(e.detail())
                                + (e.hasResources()
                                        ? e.resources().stream()
                                                .mapToInt(CallCounter::utf8)
                                                .sum()
                                        : 0))));
        return true;
    }

    static boolean publish(String caller, SdkRequest request) {
        if (!(request instanceof software.amazon.awssdk.services.sns.model.PublishRequest r)) {
            return false;
        }
        if (r.phoneNumber() != null) {
            Tally.GLOBAL.add(caller, "sns.smsMessages", 1);
        } else {
            Tally.GLOBAL.add(
                    caller,
                    "sns.Publish.requests",
                    CallCounter.chunks(CallCounter.utf8(r.message())
                            + (r.hasMessageAttributes()
                                    ? r.messageAttributes().entrySet().stream()
                                            .mapToInt(e -> CallCounter.utf8(e.getKey())
                                                    + CallCounter.utf8(
                                                            e.getValue().dataType())
                                                    + CallCounter.utf8(
                                                            e.getValue().stringValue()))
                                            .sum()
                                    : 0)));
        }
        return true;
    }

    static boolean sendEmail(String caller, SdkRequest request) {
        if (!(request instanceof software.amazon.awssdk.services.ses.model.SendEmailRequest r)) {
            return false;
        }
        var d = r.destination();
        Tally.GLOBAL.add(
                caller,
                "ses.emails",
                d == null
                        ? 1
                        : Math.max(
                                1,
                                d.toAddresses().size()
                                        + d.ccAddresses().size()
                                        + d.bccAddresses().size()));
        return true;
    }
}
