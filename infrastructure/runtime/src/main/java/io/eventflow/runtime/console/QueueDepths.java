package io.eventflow.runtime.console;

import io.eventflow.emulator.template.Model;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Every queue's depth (visible, in flight), refreshed about once a second on one daemon thread, and only while
 * a page is watching (a poll in the last {@value #WATCH_MILLIS} ms): without a browser open, the console asks
 * the endpoint nothing.
 */
final class QueueDepths implements AutoCloseable {
    static final long WATCH_MILLIS = 5_000;
    static final long PERIOD_MILLIS = 800;

    record Depth(int visible, int inFlight) {}

    private final SqsClient sqs;
    private final List<Model.Queue> queues;
    private final java.util.function.Function<Model.Queue, String> urls;
    private final Thread thread;
    private volatile Map<String, Depth> depths = Map.of();
    private volatile long watchedAt;
    private volatile long refreshedAt;
    private volatile String error;
    private volatile boolean running = true;

    QueueDepths(SqsClient sqs, List<Model.Queue> queues, java.util.function.Function<Model.Queue, String> urls) {
        this.sqs = sqs;
        this.queues = queues;
        this.urls = urls;
        this.thread = Thread.ofPlatform().daemon().name("console-depths").unstarted(this::loop);
        thread.start();
    }

    /** The latest depths (logical id -> depth); marks the page as watching. */
    Map<String, Depth> watch() {
        long now = System.currentTimeMillis();
        boolean wasIdle = now - watchedAt > WATCH_MILLIS;
        watchedAt = now;
        if (wasIdle) {
            thread.interrupt(); // refresh now, not after the idle sleep
        }
        return depths;
    }

    long ageMillis() {
        return refreshedAt == 0 ? -1 : System.currentTimeMillis() - refreshedAt;
    }

    String error() {
        return error;
    }

    private void loop() {
        while (running) {
            if (System.currentTimeMillis() - watchedAt <= WATCH_MILLIS) {
                refresh();
            }
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException wake) {
                // a page came back: refresh at once
            }
        }
    }

    private void refresh() {
        Map<String, Depth> next = new LinkedHashMap<>();
        try {
            for (Model.Queue q : queues) {
                var a = sqs.getQueueAttributes(b -> b.queueUrl(urls.apply(q))
                                .attributeNames(
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                        .attributes();
                int visible = Integer.parseInt(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"))
                        + Integer.parseInt(
                                a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, "0"));
                next.put(
                        q.logicalId(),
                        new Depth(
                                visible,
                                Integer.parseInt(a.getOrDefault(
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"))));
            }
            depths = next;
            refreshedAt = System.currentTimeMillis();
            error = null;
        } catch (RuntimeException e) {
            error = "queue depths unavailable: " + e.getMessage();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
