package io.eventflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eventflow.events.LineItem;
import io.eventflow.events.PermanentException;
import io.eventflow.events.RetryableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link InventoryRepository} must do; runs against the twin (unit test) and DynamoDB on the
 * emulator (integration test). SKUs and orders are unique per test, so one table serves all tests.
 */
public abstract class InventoryRepositoryContract {
    protected abstract InventoryRepository repository();

    private String a;
    private String b;
    private String order;

    @BeforeEach
    void uniqueNames() {
        String suffix = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        a = "A-" + suffix;
        b = "B-" + suffix;
        order = "ORD-" + suffix;
    }

    private static LineItem line(String sku, int quantity) {
        return new LineItem(sku, quantity, 100);
    }

    @Test
    void seedSetsStockAndUnknownSkuHasNone() {
        repository().seed(a, 7);
        assertThat(repository().available(a)).isEqualTo(7);
        assertThat(repository().available(b)).isZero();
        repository().seed(a, 3);
        assertThat(repository().available(a)).isEqualTo(3);
    }

    @Test
    void reserveTakesEveryLineAndAddsUpRepeatedSkus() {
        repository().seed(a, 10);
        repository().seed(b, 5);
        var result = repository().reserve(order, List.of(line(a, 2), line(b, 5), line(a, 3)));
        assertThat(result).isEqualTo(new ReservationResult.Reserved(false));
        assertThat(repository().available(a)).isEqualTo(5);
        assertThat(repository().available(b)).isZero();
    }

    @Test
    void shortSkuRejectsTheWholeOrderAndHoldsNothing() {
        repository().seed(a, 10);
        repository().seed(b, 1);
        var result = repository().reserve(order, List.of(line(a, 2), line(b, 3)));
        assertThat(result).isEqualTo(new ReservationResult.Rejected(b, 1, 3));
        assertThat(repository().available(a)).isEqualTo(10);
        assertThat(repository().available(b)).isEqualTo(1);
        assertThat(repository().release(order, List.of(line(a, 2), line(b, 3)))).isEqualTo(new ReleaseResult.NotHeld());
    }

    @Test
    void unknownSkuIsNoStock() {
        repository().seed(a, 10);
        assertThat(repository().reserve(order, List.of(line(a, 1), line(b, 1))))
                .isEqualTo(new ReservationResult.Rejected(b, 0, 1));
        assertThat(repository().available(a)).isEqualTo(10);
    }

    @Test
    void exactlyTheLastUnitsCanBeReserved() {
        repository().seed(a, 2);
        assertThat(repository().reserve(order, List.of(line(a, 2)))).isEqualTo(new ReservationResult.Reserved(false));
        assertThat(repository().available(a)).isZero();
        assertThat(repository().reserve(order + "X", List.of(line(a, 1))))
                .isEqualTo(new ReservationResult.Rejected(a, 0, 1));
    }

    @Test
    void reservingTheSameOrderAgainTakesNothingMore() {
        repository().seed(a, 10);
        repository().reserve(order, List.of(line(a, 4)));
        assertThat(repository().reserve(order, List.of(line(a, 4)))).isEqualTo(new ReservationResult.Reserved(true));
        assertThat(repository().available(a)).isEqualTo(6);
    }

    @Test
    void releaseGivesBackOnce() {
        repository().seed(a, 10);
        repository().seed(b, 10);
        List<LineItem> items = List.of(line(a, 4), line(b, 1));
        repository().reserve(order, items);
        assertThat(repository().release(order, items)).isEqualTo(new ReleaseResult.Released(Map.of(a, 4L, b, 1L)));
        assertThat(repository().available(a)).isEqualTo(10);
        assertThat(repository().available(b)).isEqualTo(10);
        assertThat(repository().release(order, items)).isEqualTo(new ReleaseResult.NotHeld());
        assertThat(repository().available(a)).isEqualTo(10);
    }

    @Test
    void releaseGivesBackNoMoreThanTheOrderHolds() {
        repository().seed(a, 10);
        repository().reserve(order, List.of(line(a, 2)));
        assertThat(repository().release(order, List.of(line(a, 5), line(b, 3))))
                .isEqualTo(new ReleaseResult.Released(Map.of(a, 2L)));
        assertThat(repository().available(a)).isEqualTo(10);
        assertThat(repository().available(b)).isZero();
    }

    @Test
    void releaseOfAnOrderThatHoldsNothingChangesNothing() {
        repository().seed(a, 3);
        assertThat(repository().release(order, List.of(line(a, 2)))).isEqualTo(new ReleaseResult.NotHeld());
        assertThat(repository().available(a)).isEqualTo(3);
    }

    @Test
    void aReleasedOrderIsNotReservedAgain() {
        repository().seed(a, 3);
        repository().reserve(order, List.of(line(a, 1)));
        repository().release(order, List.of(line(a, 1)));
        assertThatThrownBy(() -> repository().reserve(order, List.of(line(a, 1))))
                .isInstanceOf(PermanentException.class);
        assertThat(repository().available(a)).isEqualTo(3);
    }

    @Test
    void concurrentOrdersForTheLastUnitsExactlyOneWins() throws Exception {
        repository().seed(a, 3);
        int contenders = 2;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ReservationResult>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < contenders; i++) {
                String contender = order + "-" + i;
                outcomes.add(pool.submit(() -> {
                    go.await();
                    return reserveRetrying(contender, List.of(line(a, 2)));
                }));
            }
            go.countDown();
            List<ReservationResult> results = new ArrayList<>();
            for (Future<ReservationResult> f : outcomes) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }
            assertThat(results)
                    .filteredOn(r -> r instanceof ReservationResult.Reserved)
                    .hasSize(1);
            assertThat(results)
                    .filteredOn(r -> r instanceof ReservationResult.Rejected)
                    .hasSize(1);
            assertThat(repository().available(a)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** DynamoDB may cancel one of two racing transactions (TransactionConflict): that is a retry, as in SQS. */
    private ReservationResult reserveRetrying(String orderId, List<LineItem> items) {
        return await("a reservation answer for " + orderId)
                .atMost(Duration.ofSeconds(10))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50))
                .pollInSameThread()
                .ignoreExceptionsInstanceOf(RetryableException.class)
                .until(() -> repository().reserve(orderId, items), Objects::nonNull);
    }
}
