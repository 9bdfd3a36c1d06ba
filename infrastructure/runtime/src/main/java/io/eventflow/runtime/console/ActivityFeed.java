package io.eventflow.runtime.console;

import io.eventflow.runtime.sources.Activity;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The console's view of the runtime's hops: counters per delivery edge and per function, and the last
 * {@value #KEEP} hops for the page to flash. Fed on the invoking threads, so it only adds to counters and
 * appends to a bounded ring: a few map lookups per invoke, nothing else.
 */
public final class ActivityFeed {
    static final int KEEP = 400;

    /** Counts of one edge or function: messages delivered, failed, redelivered; invokes and their time. */
    static final class Counts {
        final LongAdder delivered = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder retried = new LongAdder();
        final LongAdder invokes = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder millis = new LongAdder();

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("delivered", delivered.sum());
            m.put("failed", failed.sum());
            m.put("retried", retried.sum());
            m.put("invokes", invokes.sum());
            m.put("errors", errors.sum());
            long n = invokes.sum();
            m.put("avgMs", n == 0 ? 0 : millis.sum() / n);
            return m;
        }
    }

    /** One hop as the page shows it. */
    public record Flash(
            long seq,
            String time,
            String function,
            String from,
            String what,
            String outcome,
            boolean failed,
            long durationMs,
            int items,
            List<String> orderIds) {}

    private final Map<String, String> sourceNodes;
    private final Map<String, Counts> bySource = new ConcurrentHashMap<>();
    private final Map<String, Counts> byFunction = new ConcurrentHashMap<>();
    private final Deque<Flash> recent = new ArrayDeque<>();
    private final AtomicLong seq = new AtomicLong();
    private final RecentOrders orders;
    /** messageId / sequence number -> the last failure of it (bounded: a DLQ shows at most a few of them). */
    private final Map<String, String> failures =
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > 5_000;
                }
            });

    /**
     * @param sourceNodes hop source ("SQS name", "DynamoDB table", "HttpApi") -> the node it comes from
     */
    ActivityFeed(Map<String, String> sourceNodes, RecentOrders orders) {
        this.sourceNodes = sourceNodes;
        this.orders = orders;
    }

    void accept(Activity.Hop hop) {
        HopFacts f = HopFacts.of(hop);
        String from = sourceNodes.getOrDefault(hop.source(), hop.source());
        for (Counts c : List.of(
                bySource.computeIfAbsent(from + ">" + hop.function(), k -> new Counts()),
                byFunction.computeIfAbsent(hop.function(), k -> new Counts()))) {
            c.delivered.add(f.items() - f.failed());
            c.failed.add(f.failed());
            c.retried.add(f.retried());
            c.invokes.increment();
            c.millis.add(hop.durationMs());
            if (f.error()) {
                c.errors.increment();
            }
        }
        for (String item : hop.failedItems()) {
            failures.put(
                    item,
                    hop.function() + ": " + hop.outcome() + " (last at "
                            + hop.time()
                                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                                    .toString()
                                    .replace('T', ' ') + ")");
        }
        List<String> ids = f.orderIds();
        ids.forEach(id -> orders.seen(id, hop.time()));
        String what = hop.eventTypes().size() == 1
                ? hop.eventTypes().get(0)
                : hop.eventTypes().size() + " × "
                        + String.join(
                                ", ",
                                hop.eventTypes().stream().distinct().limit(3).toList());
        Flash flash = new Flash(
                seq.incrementAndGet(),
                hop.time().toString(),
                hop.function(),
                from,
                what,
                hop.outcome(),
                f.failed() > 0,
                hop.durationMs(),
                f.items(),
                ids);
        synchronized (recent) {
            recent.addLast(flash);
            if (recent.size() > KEEP) {
                recent.removeFirst();
            }
        }
    }

    /** Why this runtime last saw {@code messageId} fail, or null. */
    String failure(String messageId) {
        return failures.get(messageId);
    }

    long seq() {
        return seq.get();
    }

    /** The hops after {@code since}, oldest first (at most {@code max}, the newest ones). */
    List<Flash> since(long since, int max) {
        List<Flash> out = new ArrayList<>();
        synchronized (recent) {
            for (Flash f : recent) {
                if (f.seq() > since) {
                    out.add(f);
                }
            }
        }
        return out.size() <= max ? out : out.subList(out.size() - max, out.size());
    }

    Map<String, Object> edgeCounts(String key) {
        Counts c = bySource.get(key);
        return c == null ? new Counts().json() : c.json();
    }

    Map<String, Object> functionCounts(String function) {
        Counts c = byFunction.get(function);
        return c == null ? new Counts().json() : c.json();
    }
}
