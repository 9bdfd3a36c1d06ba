package io.eventflow.runtime.sources;

import io.eventflow.emulator.template.Model.StreamSource;
import io.eventflow.emulator.template.Resolver;
import io.eventflow.runtime.Clients;
import io.eventflow.runtime.Json;
import io.eventflow.runtime.invoke.FunctionContainer;
import io.eventflow.runtime.invoke.InvocationResult;
import java.io.PrintStream;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

/**
 * A DynamoDB stream event source mapping (runtime README, "DynamoDB stream event source mapping"): each shard is read in order and blocks while its
 * batch fails. A failed batch is bisected when BisectBatchOnFunctionError is set (halving does not use the
 * retry budget); otherwise, or once it cannot be split, it is retried as {@link StreamRetryPolicy} says: up to
 * MaximumRetryAttempts (-1 = no count limit) while its first record is younger than MaximumRecordAgeInSeconds,
 * with a growing wait between tries. With ReportBatchItemFailures the lowest reported SequenceNumber is the
 * checkpoint and everything from it on is retried. A batch given up is skipped once its metadata (not the
 * records) is stored at the OnFailure destination.
 */
public final class StreamPoller implements Runnable {
    private final FunctionContainer function;
    private final StreamSource source;
    private final Resolver resolver;
    private final Clients clients;
    private final Activity activity;
    private final PrintStream log;
    private final long pollMillis;
    private volatile StreamRetryPolicy retry;
    private final Map<String, ShardState> shards = new LinkedHashMap<>();
    private volatile boolean running = true;
    private volatile int buffered;
    private volatile int inProcess;
    private String streamArn;
    private long shardsListedAt;
    private boolean shardClosed;
    /**
     * How often the shard list is read again (DescribeStream): shards split or close rarely, and reading the list on
     * every poll would cost several requests a second per mapping under the emulator's single request lock, for nothing.
     * A closed shard makes the next poll read it at once.
     */
    static final long SHARD_LIST_INTERVAL_MS = 10_000;

    private static final class ShardState {
        String iterator;
        final Deque<Record> pending = new ArrayDeque<>();
        long firstPendingAt;
        boolean closed;
    }

    private record Chunk(List<Record> records, int invokes) {}

    public StreamPoller(
            FunctionContainer function,
            StreamSource source,
            Resolver resolver,
            Clients clients,
            Activity activity,
            PrintStream log,
            long pollMillis,
            long retryBackoffMillis) {
        this.function = function;
        this.source = source;
        this.resolver = resolver;
        this.clients = clients;
        this.activity = activity;
        this.log = log;
        this.pollMillis = pollMillis;
        this.retry = StreamRetryPolicy.of(source, java.time.Duration.ofMillis(retryBackoffMillis));
    }

    /**
     * A shorter MaximumRecordAgeInSeconds than the template's from now on, or the template's again ({@code null}): a
     * local run scales a retry budget of hours down to seconds to exercise what happens after it.
     */
    public void capRecordAge(Integer seconds) {
        int templates = source.maximumRecordAgeSeconds();
        int age = seconds == null ? templates : seconds;
        retry = new StreamRetryPolicy(retry.maximumRetryAttempts(), age, retry.firstBackoff(), retry.maxBackoff());
        log.println("[runtime] " + describe() + ": MaximumRecordAgeInSeconds "
                + (seconds == null
                        ? templates + " (as the template)"
                        : seconds + " (local cap; template " + templates + ")"));
    }

    public String logicalId() {
        return function.function().logicalId();
    }

    public String describe() {
        return function.function().logicalId() + " <- DynamoDB stream of " + Resolver.tableOfStream(source.streamArn());
    }

    public void stop() {
        running = false;
    }

    /** Records read from the stream and not yet done with (for quiescence). */
    public int buffered() {
        return buffered + inProcess;
    }

    /** The table's real stream ARN (the template's is symbolic), and the shards' start positions. */
    public void start() {
        String table = Resolver.tableOfStream(source.streamArn());
        streamArn =
                clients.dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn();
        if (streamArn == null) {
            throw new IllegalStateException(describe() + ": table " + table + " has no stream (StreamSpecification)");
        }
        discoverShards();
    }

    private void discoverShards() {
        shardsListedAt = System.currentTimeMillis();
        shardClosed = false;
        List<Shard> list = clients.streams
                .describeStream(b -> b.streamArn(streamArn))
                .streamDescription()
                .shards();
        for (Shard s : list) {
            if (!shards.containsKey(s.shardId())) {
                ShardState st = new ShardState();
                ShardIteratorType type = "LATEST".equals(source.startingPosition()) && !shards.isEmpty()
                        ? ShardIteratorType.TRIM_HORIZON
                        : ShardIteratorType.fromValue(source.startingPosition());
                st.iterator = clients.streams
                        .getShardIterator(
                                b -> b.streamArn(streamArn).shardId(s.shardId()).shardIteratorType(type))
                        .shardIterator();
                shards.put(s.shardId(), st);
            }
        }
    }

    @Override
    public void run() {
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                if (pollOnce() == 0) {
                    sleep(pollMillis);
                }
            } catch (SdkException | IllegalStateException e) {
                if (running) {
                    log.println("[runtime] " + describe() + ": " + e.getMessage() + " (retrying)");
                    sleep(500);
                }
            }
        }
    }

    /** Reads every shard once and processes what it got, shard by shard in order; returns records processed. */
    public int pollOnce() {
        if (streamArn == null) {
            start();
        } else if (System.currentTimeMillis() - shardsListedAt >= SHARD_LIST_INTERVAL_MS || shardClosed) {
            discoverShards();
        }
        int processed = 0;
        for (Map.Entry<String, ShardState> e : shards.entrySet()) {
            ShardState st = e.getValue();
            if (!st.closed && st.pending.size() < source.batchSize()) {
                var page = clients.streams.getRecords(
                        b -> b.shardIterator(st.iterator).limit(source.batchSize()));
                if (st.pending.isEmpty() && !page.records().isEmpty()) {
                    st.firstPendingAt = System.currentTimeMillis();
                }
                st.pending.addAll(page.records());
                st.iterator = page.nextShardIterator();
                st.closed = st.iterator == null;
                shardClosed |= st.closed; // its children are listed on the next poll
            }
            updateBuffered();
            boolean windowOpen = source.batchingWindowSeconds() > 0
                    && st.pending.size() < source.batchSize()
                    && !st.closed
                    && System.currentTimeMillis() - st.firstPendingAt < source.batchingWindowSeconds() * 1000L;
            if (windowOpen) {
                activity.touch();
                continue;
            }
            while (!st.pending.isEmpty() && running) {
                List<Record> batch = new ArrayList<>();
                while (batch.size() < source.batchSize() && !st.pending.isEmpty()) {
                    batch.add(st.pending.pollFirst());
                }
                process(e.getKey(), batch);
                processed += batch.size();
                updateBuffered();
            }
        }
        return processed;
    }

    private void updateBuffered() {
        buffered = shards.values().stream().mapToInt(s -> s.pending.size()).sum();
    }

    /** Runs one batch to completion: success, retries, bisection, and the on-failure destination. */
    void process(String shardId, List<Record> batch) {
        inProcess = batch.size();
        try {
            runToCompletion(shardId, batch);
        } finally {
            inProcess = 0;
        }
    }

    private void runToCompletion(String shardId, List<Record> batch) {
        Deque<Chunk> work = new ArrayDeque<>();
        work.push(new Chunk(batch, 0));
        while (!work.isEmpty() && running) {
            Chunk c = work.pop();
            if (retry.tooOld(created(c.records().get(0)), Instant.now())) {
                onFailure(shardId, c, null, StreamRetryPolicy.RECORD_AGE_EXCEEDED);
                continue;
            }
            InvocationResult result = invoke(c.records());
            Set<String> seqs = new LinkedHashSet<>();
            c.records().forEach(r -> seqs.add(r.dynamodb().sequenceNumber()));
            BatchResponses.Verdict v = BatchResponses.judge(result, source.reportBatchItemFailures(), seqs, false);
            int invokes = c.invokes() + 1;
            if (v.allSucceeded()) {
                continue;
            }
            if (!v.complete()) {
                BigInteger lowest = v.failedIds().stream()
                        .map(StreamPoller::seq)
                        .min(BigInteger::compareTo)
                        .orElseThrow();
                List<Record> remainder = c.records().stream()
                        .filter(r -> seq(r.dynamodb().sequenceNumber()).compareTo(lowest) >= 0)
                        .toList();
                if (remainder.isEmpty()) {
                    continue;
                }
                retryOrGiveUp(shardId, work, new Chunk(remainder, invokes), result);
            } else if (source.bisectOnError() && c.records().size() > 1) {
                int half = c.records().size() / 2;
                work.push(new Chunk(c.records().subList(half, c.records().size()), c.invokes()));
                work.push(new Chunk(c.records().subList(0, half), c.invokes()));
            } else {
                retryOrGiveUp(shardId, work, new Chunk(c.records(), invokes), result);
            }
        }
    }

    private void retryOrGiveUp(String shardId, Deque<Chunk> work, Chunk c, InvocationResult last) {
        switch (retry.afterFailure(c.invokes(), created(c.records().get(0)), Instant.now())) {
            case StreamRetryPolicy.Decision.GiveUp g -> onFailure(shardId, c, last, g.condition());
            case StreamRetryPolicy.Decision.Retry r -> {
                activity.touch();
                sleep(r.after().toMillis());
                work.push(c);
            }
        }
    }

    private InvocationResult invoke(List<Record> records) {
        String event = LambdaEvents.dynamodb(records, streamArn, resolver.region());
        activity.begin(function.function().logicalId());
        InvocationResult result = null;
        String outcome = "?";
        try {
            result = function.invoke(event);
            outcome = result instanceof InvocationResult.Failure f ? "error " + f.errorType() : "ok";
            return result;
        } finally {
            List<Peek> found = records.stream()
                    .map(StreamPoller::peek)
                    .filter(p -> p != null)
                    .toList();
            List<Peek> peeks = found.isEmpty()
                    ? List.of(new Peek(records.get(0).eventNameAsString() + " (no event)", null, null))
                    : found;
            activity.end(Activity.Hop.ofBatch(
                    function.function().logicalId(),
                    "DynamoDB " + Resolver.tableOfStream(source.streamArn()),
                    peeks,
                    outcome,
                    result,
                    result instanceof InvocationResult.Failure
                            ? records.stream()
                                    .map(r -> r.dynamodb().sequenceNumber())
                                    .toList()
                            : List.of(),
                    records.stream()
                            .map(r -> Activity.Item.of(
                                    r.dynamodb().sequenceNumber(),
                                    peek(r) == null ? new Peek(r.eventNameAsString(), null, null) : peek(r),
                                    0))
                            .toList()));
        }
    }

    private static Peek peek(Record r) {
        var img = r.dynamodb().newImage();
        if (img == null || !img.containsKey("eventType")) {
            return null;
        }
        Instant ts = null;
        try {
            ts = img.containsKey("timestamp")
                    ? Instant.parse(img.get("timestamp").s())
                    : null;
        } catch (RuntimeException ignored) {
            // not ISO
        }
        String stream = img.containsKey("streamId") ? img.get("streamId").s() : null;
        return new Peek(
                img.get("eventType").s(),
                img.containsKey("correlationId") ? img.get("correlationId").s() : null,
                ts,
                img.containsKey("eventId") ? img.get("eventId").s() : null,
                stream != null && stream.startsWith("Order-") ? stream.substring("Order-".length()) : null,
                false);
    }

    private static Instant created(Record r) {
        return r.dynamodb().approximateCreationDateTime();
    }

    /** The OnFailure invocation record (runtime README, "DynamoDB stream event source mapping"): metadata only. */
    private void onFailure(String shardId, Chunk c, InvocationResult last, String condition) {
        List<Record> rs = c.records();
        String first = rs.get(0).dynamodb().sequenceNumber();
        String lastSeq = rs.get(rs.size() - 1).dynamodb().sequenceNumber();
        log.println("[runtime] " + describe() + ": " + condition + " for " + rs.size() + " record(s) " + first + ".."
                + lastSeq
                + (source.onFailureArn() == null
                        ? "; no OnFailure destination, discarded"
                        : "; metadata to " + source.onFailureArn()));
        if (source.onFailureArn() == null) {
            return;
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put(
                "requestContext",
                Map.of(
                        "requestId",
                        last == null ? newId() : last.requestId(),
                        "functionArn",
                        function.function().arn(),
                        "condition",
                        condition,
                        "approximateInvokeCount",
                        c.invokes()));
        record.put(
                "responseContext",
                Map.of("statusCode", 200, "executedVersion", "$LATEST", "functionError", "Unhandled"));
        record.put("version", "1.0");
        record.put("timestamp", Instant.now().toString());
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("shardId", shardId);
        info.put("startSequenceNumber", first);
        info.put("endSequenceNumber", lastSeq);
        info.put("approximateArrivalOfFirstRecord", arrival(rs.get(0)));
        info.put("approximateArrivalOfLastRecord", arrival(rs.get(rs.size() - 1)));
        info.put("batchSize", rs.size());
        info.put("streamArn", streamArn);
        record.put("DDBStreamBatchInfo", info);
        String body = Json.write(record);
        String dest = source.onFailureArn();
        // Any partition (arn:aws:, arn:aws-cn:, ...): the service is the third field.
        String service = dest.split(":", 4).length > 2 ? dest.split(":", 4)[2] : "";
        if (!service.equals("sqs") && !service.equals("sns")) {
            log.println("[runtime] " + describe() + ": OnFailure destination " + dest
                    + " is not SQS/SNS; record dropped: " + body);
            return;
        }
        // The shard's checkpoint moves past these records only once their failure record is stored: a failed
        // send (the destination's endpoint is down too) is retried, never dropped with the records.
        for (int attempt = 1; running; attempt++) {
            try {
                if (service.equals("sqs")) {
                    clients.sqs.sendMessage(b -> b.queueUrl(resolver.queueUrl(Resolver.lastSegment(dest)))
                            .messageBody(body));
                } else {
                    clients.sns.publish(b -> b.topicArn(dest).message(body));
                }
                return;
            } catch (SdkException e) {
                if (attempt == 1) {
                    log.println("[runtime] " + describe() + ": OnFailure destination " + dest + " refused the record ("
                            + e.getMessage() + "); retrying until it takes it");
                }
                activity.touch();
                sleep(StreamRetryPolicy.MAX_BACKOFF.toMillis());
            }
        }
    }

    private static String arrival(Record r) {
        Instant t = r.dynamodb().approximateCreationDateTime();
        return t == null ? null : Instant.ofEpochSecond(t.getEpochSecond()).toString();
    }

    private static BigInteger seq(String s) {
        try {
            return new BigInteger(s);
        } catch (NumberFormatException e) {
            return BigInteger.ZERO;
        }
    }

    /** Unique id for logs. */
    static String newId() {
        return UUID.randomUUID().toString();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
