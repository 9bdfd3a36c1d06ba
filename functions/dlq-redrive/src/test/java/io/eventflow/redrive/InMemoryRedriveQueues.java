package io.eventflow.redrive;

import io.eventflow.events.PermanentException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The in-memory twin of {@link SqsRedriveQueues}: visibility timeouts, receive counts, RedrivePolicy (a message
 * received more than maxReceiveCount times moves to the DLQ on its next receive, as SQS does) and, when
 * enabled, message move tasks that complete at once.
 */
public final class InMemoryRedriveQueues implements RedriveQueues {
    public static final String ACCOUNT = "123456789012";

    private static final class Msg {
        final String id = UUID.randomUUID().toString();
        final String body;
        final Map<String, Attribute> attributes;
        final Instant sentAt = Instant.now();
        int receiveCount;
        long invisibleUntil;
        String receiptHandle;

        Msg(String body, Map<String, Attribute> attributes) {
            this.body = body;
            this.attributes = attributes;
        }
    }

    private static final class Queue {
        final String name;
        final String dlqUrl;
        final int maxReceiveCount;
        final List<Msg> messages = new ArrayList<>();
        MoveTask lastTask;

        Queue(String name, String dlqUrl, int maxReceiveCount) {
            this.name = name;
            this.dlqUrl = dlqUrl;
            this.maxReceiveCount = maxReceiveCount;
        }
    }

    private final Map<String, Queue> queues = new LinkedHashMap<>();
    private final boolean moveTasks;
    private int sendFailures;
    private long clockOffsetMillis;

    /** @param moveTasks whether StartMessageMoveTask is supported (AWS) or not (emulators) */
    public InMemoryRedriveQueues(boolean moveTasks) {
        this.moveTasks = moveTasks;
    }

    /** @return the queue URL; {@code dlqUrl} null for a queue without RedrivePolicy */
    public synchronized String createQueue(String name, String dlqUrl, int maxReceiveCount) {
        String url = "https://sqs.us-east-1.amazonaws.com/" + ACCOUNT + "/" + name;
        queues.put(url, new Queue(name, dlqUrl, maxReceiveCount));
        return url;
    }

    /** Moves this twin's clock forward (visibility timeouts run out), as a long run would. */
    public synchronized void advance(Duration d) {
        clockOffsetMillis += d.toMillis();
    }

    private long now() {
        return System.currentTimeMillis() + clockOffsetMillis;
    }

    /** The next {@code n} sends fail. */
    public synchronized void failNextSends(int n) {
        sendFailures = n;
    }

    private Queue queue(String url) {
        Queue q = queues.get(url);
        if (q == null) {
            throw new PermanentException("queue " + url + " does not exist");
        }
        return q;
    }

    @Override
    public synchronized String urlOf(String queueName) {
        return queues.entrySet().stream()
                .filter(e -> e.getValue().name.equals(queueName))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new PermanentException("queue " + queueName + " does not exist"));
    }

    @Override
    public synchronized String urlOfArn(String queueArn) {
        QueueArn arn = QueueArn.parse(queueArn);
        if (!ACCOUNT.equals(arn.account())) {
            throw new PermanentException("queue " + queueArn + " does not exist");
        }
        return urlOf(arn.name());
    }

    @Override
    public synchronized String arnOf(String queueUrl) {
        return "arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + queue(queueUrl).name;
    }

    @Override
    public synchronized List<String> deadLetterSourceUrls(String dlqUrl) {
        return queues.entrySet().stream()
                .filter(e -> dlqUrl.equals(e.getValue().dlqUrl))
                .map(Map.Entry::getKey)
                .toList();
    }

    @Override
    public synchronized List<QueueMessage> receive(String queueUrl, int max, Duration visibility) {
        Queue q = queue(queueUrl);
        long now = now();
        List<QueueMessage> out = new ArrayList<>();
        for (Iterator<Msg> it = q.messages.iterator(); it.hasNext() && out.size() < max; ) {
            Msg m = it.next();
            if (m.invisibleUntil > now) {
                continue;
            }
            if (q.dlqUrl != null && m.receiveCount >= q.maxReceiveCount) {
                it.remove();
                queue(q.dlqUrl).messages.add(m);
                continue;
            }
            m.receiveCount++;
            m.invisibleUntil = now + visibility.toMillis();
            m.receiptHandle = UUID.randomUUID().toString();
            out.add(new QueueMessage(m.id, m.receiptHandle, m.body, m.receiveCount, m.sentAt, m.attributes));
        }
        return out;
    }

    @Override
    public synchronized void release(String queueUrl, String receiptHandle) {
        queue(queueUrl).messages.stream()
                .filter(m -> receiptHandle.equals(m.receiptHandle))
                .forEach(m -> m.invisibleUntil = 0);
    }

    @Override
    public synchronized void hide(String queueUrl, String receiptHandle, Duration visibility) {
        long until = now() + visibility.toMillis();
        queue(queueUrl).messages.stream()
                .filter(m -> receiptHandle.equals(m.receiptHandle))
                .forEach(m -> m.invisibleUntil = until);
    }

    @Override
    public synchronized void send(String queueUrl, QueueMessage message) {
        if (sendFailures > 0) {
            sendFailures--;
            throw new IllegalStateException("injected send failure");
        }
        queue(queueUrl).messages.add(new Msg(message.body(), message.attributes()));
    }

    @Override
    public synchronized void delete(String queueUrl, String receiptHandle) {
        queue(queueUrl).messages.removeIf(m -> receiptHandle.equals(m.receiptHandle));
    }

    @Override
    public synchronized long approximateDepth(String queueUrl) {
        return queue(queueUrl).messages.size();
    }

    @Override
    public synchronized Optional<String> startMoveTask(String sourceArn, String destinationArn) {
        if (!moveTasks) {
            return Optional.empty();
        }
        Queue from = byArn(sourceArn);
        Queue to = byArn(destinationArn);
        long n = from.messages.size();
        from.messages.forEach(m -> to.messages.add(new Msg(m.body, m.attributes)));
        from.messages.clear();
        from.lastTask = new MoveTask("COMPLETED", n, n, null);
        return Optional.of(UUID.randomUUID().toString());
    }

    @Override
    public synchronized MoveTask moveTask(String sourceArn) {
        MoveTask t = byArn(sourceArn).lastTask;
        return t == null ? new MoveTask("NONE", 0, 0, null) : t;
    }

    private Queue byArn(String arn) {
        String name = arn.substring(arn.lastIndexOf(':') + 1);
        return queue(urlOf(name));
    }
}
