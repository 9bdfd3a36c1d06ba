package io.eventflow.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Samples every queue's depth while a run goes on: ApproximateNumberOfMessages (waiting: the lag a consumer has not
 * picked up) and ...NotVisible (in flight), one GetQueueAttributes per queue per sample. A sample the endpoint does
 * not answer is left out.
 */
final class QueueSampler implements AutoCloseable {
    private final SqsClient sqs;
    private final Map<String, String> queues;
    private final long startMillis;
    private final List<Double> seconds = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, List<int[]>> samples = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    QueueSampler(SqsClient sqs, Map<String, String> queues, long startMillis, int everySeconds) {
        this.sqs = sqs;
        this.queues = queues;
        this.startMillis = startMillis;
        queues.keySet().forEach(q -> samples.put(q, Collections.synchronizedList(new ArrayList<>())));
        this.thread = Thread.ofPlatform().daemon().name("load-queue-sampler").start(() -> {
            while (running && !queues.isEmpty()) {
                sample();
                try {
                    Thread.sleep(everySeconds * 1000L);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private void sample() {
        double t = (System.currentTimeMillis() - startMillis) / 1000.0;
        Map<String, int[]> now = new LinkedHashMap<>();
        for (Map.Entry<String, String> q : queues.entrySet()) {
            try {
                Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(q.getValue())
                                .attributeNames(
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                        .attributes();
                now.put(q.getKey(), new int[] {
                    Integer.parseInt(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")),
                    Integer.parseInt(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"))
                });
            } catch (SdkException | NumberFormatException unanswered) {
                return;
            }
        }
        synchronized (this) {
            seconds.add(Analysis.round(t));
            now.forEach((q, v) -> samples.get(q).add(v));
        }
    }

    synchronized List<Double> seconds() {
        return List.copyOf(seconds);
    }

    synchronized Map<String, List<int[]>> samples() {
        Map<String, List<int[]>> out = new LinkedHashMap<>();
        samples.forEach((q, l) -> out.put(q, List.copyOf(l)));
        return out;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
