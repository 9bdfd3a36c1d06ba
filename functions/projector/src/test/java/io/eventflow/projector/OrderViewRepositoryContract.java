package io.eventflow.projector;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.events.EventEnvelope;
import io.eventflow.order.OrderStatus;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link OrderViewRepository} does; run against the twin (*Test) and DynamoDB (*IT). */
public abstract class OrderViewRepositoryContract {
    protected abstract OrderViewRepository views();

    private String orderId;
    private List<EventEnvelope> stored;

    @BeforeEach
    void newOrder() {
        orderId = "ORD-" + UUID.randomUUID().toString().substring(0, 8);
        stored = Views.stored(orderId, Views.happyPath(orderId));
    }

    private OrderView at(int version) {
        return Views.fold(orderId, stored, version);
    }

    @Test
    void unknownOrderIsEmpty() {
        assertThat(views().find("ORD-never-projected")).isEmpty();
    }

    @Test
    void roundTripsEveryField() {
        assertThat(views().save(at(1), 0)).isTrue();
        assertThat(views().find(orderId)).contains(at(1));
        OrderView shipped = at(5);
        assertThat(views().replace(shipped)).isTrue();
        OrderView read = views().find(orderId).orElseThrow();
        assertThat(read).isEqualTo(shipped);
        assertThat(read.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(read.paymentId()).isEqualTo("PAY-" + orderId);
        assertThat(read.trackingId()).isEqualTo("TRK-" + orderId);
        assertThat(read.timeline()).extracting(TimelineEntry::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void firstWriteOnlyWhenNoViewExists() {
        assertThat(views().save(at(1), 0)).isTrue();
        assertThat(views().save(at(1), 0)).isFalse();
    }

    @Test
    void writesOnlyOnTheExpectedVersion() {
        views().save(at(1), 0);
        assertThat(views().save(at(3), 2)).isFalse();
        assertThat(views().find(orderId).orElseThrow().version()).isEqualTo(1);
        assertThat(views().save(at(2), 1)).isTrue();
        assertThat(views().save(at(2), 1)).isFalse();
        assertThat(views().find(orderId)).contains(at(2));
    }

    @Test
    void expectedVersionOnAMissingViewFails() {
        assertThat(views().save(at(2), 1)).isFalse();
        assertThat(views().find(orderId)).isEmpty();
    }

    @Test
    void replaceNeverMovesAViewBackwards() {
        views().save(at(1), 0);
        views().save(at(2), 1);
        views().save(at(3), 2);
        assertThat(views().replace(at(2))).isFalse();
        assertThat(views().find(orderId)).contains(at(3));
        assertThat(views().replace(at(3))).isTrue();
        assertThat(views().replace(at(4))).isTrue();
        assertThat(views().find(orderId)).contains(at(4));
    }
}
