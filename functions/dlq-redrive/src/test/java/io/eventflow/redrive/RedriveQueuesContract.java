package io.eventflow.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eventflow.events.PermanentException;
import io.eventflow.redrive.RedriveQueues.Attribute;
import io.eventflow.redrive.RedriveQueues.MoveTask;
import io.eventflow.redrive.RedriveQueues.QueueMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link RedriveQueues} does: runs against the in-memory twin and against SQS on the emulator. */
public abstract class RedriveQueuesContract {
    protected static final Duration HIDE = Duration.ofSeconds(30);

    protected abstract RedriveQueues queues();

    /** Creates a queue; with a {@code dlqUrl}, its RedrivePolicy sends there after maxReceiveCount receives. */
    protected abstract String createQueue(String name, String dlqUrl, int maxReceiveCount);

    private static String name(String what) {
        return "redrive-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static QueueMessage outgoing(String body, Map<String, Attribute> attributes) {
        return new QueueMessage(null, null, body, 0, null, attributes);
    }

    /** Receives until {@code n} messages are in hand (the emulator may answer fewer per call). */
    private List<QueueMessage> receiveAll(String url, int n) {
        List<QueueMessage> out = new ArrayList<>();
        for (int i = 0; i < 10 && out.size() < n; i++) {
            out.addAll(queues().receive(url, 10, HIDE));
        }
        return out;
    }

    @Test
    void aSentMessageIsReceivedWithBodyAttributesCountAndSentTime() {
        String url = createQueue(name("plain"), null, 0);
        Instant before = Instant.now().minusSeconds(5);

        queues().send(url, outgoing("{\"a\":1}", Map.of("ERROR_CODE", Attribute.string("Boom"))));

        QueueMessage m = receiveAll(url, 1).get(0);
        assertThat(m.body()).isEqualTo("{\"a\":1}");
        assertThat(m.messageId()).isNotBlank();
        assertThat(m.receiptHandle()).isNotBlank();
        assertThat(m.receiveCount()).isEqualTo(1);
        assertThat(m.sentAt()).isAfter(before);
        assertThat(m.attributes().get("ERROR_CODE").stringValue()).isEqualTo("Boom");
        assertThat(m.attributes().get("ERROR_CODE").dataType()).isEqualTo("String");
    }

    @Test
    void aReceivedMessageStaysHiddenUntilReleased() {
        String url = createQueue(name("hidden"), null, 0);
        queues().send(url, outgoing("x", Map.of()));
        QueueMessage m = receiveAll(url, 1).get(0);

        assertThat(queues().receive(url, 10, HIDE)).isEmpty();
        queues().release(url, m.receiptHandle());

        QueueMessage again = receiveAll(url, 1).get(0);
        assertThat(again.messageId()).isEqualTo(m.messageId());
        assertThat(again.receiveCount()).isEqualTo(2);
    }

    @Test
    void aReceivedMessageIsHiddenForTheTimeGivenFromNow() {
        String url = createQueue(name("rehide"), null, 0);
        queues().send(url, outgoing("x", Map.of()));
        QueueMessage m = receiveAll(url, 1).get(0);

        queues().hide(url, m.receiptHandle(), Duration.ofMinutes(20));
        assertThat(queues().receive(url, 10, HIDE)).isEmpty();
        queues().hide(url, m.receiptHandle(), Duration.ZERO);

        assertThat(receiveAll(url, 1).get(0).messageId()).isEqualTo(m.messageId());
    }

    @Test
    void aDeletedMessageIsGoneAndDepthCountsVisibleAndInFlightMessages() {
        String url = createQueue(name("delete"), null, 0);
        queues().send(url, outgoing("one", Map.of()));
        queues().send(url, outgoing("two", Map.of()));
        assertThat(queues().approximateDepth(url)).isEqualTo(2);

        List<QueueMessage> got = receiveAll(url, 2);
        assertThat(queues().approximateDepth(url)).isEqualTo(2);
        got.forEach(m -> queues().delete(url, m.receiptHandle()));

        assertThat(queues().approximateDepth(url)).isZero();
        assertThat(queues().receive(url, 10, Duration.ZERO)).isEmpty();
    }

    @Test
    void namesUrlsAndArnsAgree() {
        String name = name("names");
        String url = createQueue(name, null, 0);

        assertThat(queues().urlOf(name)).isEqualTo(url);
        assertThat(queues().arnOf(url)).startsWith("arn:aws:sqs:").endsWith(":" + name);
        assertThatThrownBy(() -> queues().urlOf(name("missing"))).isInstanceOf(PermanentException.class);
    }

    @Test
    void aQueueIsFoundByItsArnAsEventBridgeNamesATarget() {
        String name = name("by-arn");
        String url = createQueue(name, null, 0);

        assertThat(queues().urlOfArn(queues().arnOf(url))).isEqualTo(url);
        assertThatThrownBy(() -> queues().urlOfArn(queues().arnOf(url).replace(name, name("missing"))))
                .isInstanceOf(PermanentException.class);
        assertThatThrownBy(() -> queues().urlOfArn("arn:aws:lambda:us-east-1:123456789012:function:f"))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("not an SQS queue ARN");
    }

    @Test
    void theSourceOfADlqIsTheQueueWhoseRedrivePolicyNamesIt() {
        String dlq = createQueue(name("dlq"), null, 0);
        String source = createQueue(name("src"), dlq, 3);
        createQueue(name("other"), null, 0);

        assertThat(queues().deadLetterSourceUrls(dlq)).containsExactly(source);
        assertThat(queues().deadLetterSourceUrls(source)).isEmpty();
    }

    @Test
    void aMessageReceivedMaxReceiveCountTimesMovesToTheDlq() {
        String dlq = createQueue(name("dlq"), null, 0);
        String source = createQueue(name("src"), dlq, 1);
        queues().send(source, outgoing("poison", Map.of()));

        assertThat(queues().receive(source, 1, Duration.ZERO)).hasSize(1); // 1st receive, not deleted
        assertThat(queues().receive(source, 1, Duration.ZERO)).isEmpty(); // over maxReceiveCount: moved

        assertThat(receiveAll(dlq, 1)).extracting(QueueMessage::body).containsExactly("poison");
    }

    @Test
    void aMoveTaskEitherMovesEverythingOrIsReportedUnsupported() {
        String dlq = createQueue(name("dlq"), null, 0);
        String source = createQueue(name("src"), dlq, 3);
        queues().send(dlq, outgoing("a", Map.of()));
        queues().send(dlq, outgoing("b", Map.of()));

        Optional<String> task = queues().startMoveTask(queues().arnOf(dlq), queues().arnOf(source));

        if (task.isEmpty()) {
            assertThat(queues().approximateDepth(dlq)).isEqualTo(2);
            return;
        }
        MoveTask status = await("the move task to finish")
                .atMost(Duration.ofSeconds(10))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> queues().moveTask(queues().arnOf(dlq)), s -> !s.running());
        assertThat(status.status()).isEqualTo("COMPLETED");
        assertThat(receiveAll(source, 2)).extracting(QueueMessage::body).containsExactlyInAnyOrder("a", "b");
    }
}
