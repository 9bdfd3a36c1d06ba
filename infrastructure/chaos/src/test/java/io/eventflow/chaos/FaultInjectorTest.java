package io.eventflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {
    private static final String QUEUE = "http://127.0.0.1:1/123456789012/eventflow-inventory-dev";

    static String eventBody(int order, String type, int seq) {
        String detail = "{\"eventId\":\"e-" + order + "-" + seq + "\",\"eventType\":\"" + type + "\",\"sequence\":"
                + seq + ",\"correlationId\":\"chaos-s1-" + order + "\"}";
        return "{\"id\":\"random\",\"detail-type\":\"" + type + "\",\"detail\":" + detail + "}";
    }

    static String receiveResponse(List<String> bodies, int receiveCount, String receiptPrefix) {
        StringBuilder sb = new StringBuilder("{\"Messages\":[");
        for (int i = 0; i < bodies.size(); i++) {
            sb.append(i == 0 ? "" : ",")
                    .append("{\"MessageId\":\"m")
                    .append(i)
                    .append("\",\"ReceiptHandle\":\"")
                    .append(receiptPrefix)
                    .append(i)
                    .append("\",\"Body\":")
                    .append(quote(bodies.get(i)))
                    .append(",\"Attributes\":{\"ApproximateReceiveCount\":\"")
                    .append(receiveCount)
                    .append("\"}}");
        }
        return sb.append("]}").toString();
    }

    static String deleteRequest(int n, String receiptPrefix) {
        StringBuilder sb = new StringBuilder("{\"QueueUrl\":\"" + QUEUE + "\",\"Entries\":[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",")
                    .append("{\"Id\":\"")
                    .append(i)
                    .append("\",\"ReceiptHandle\":\"")
                    .append(receiptPrefix)
                    .append(i)
                    .append("\"}");
        }
        return sb.append("]}").toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static final List<String> BODIES = IntStream.range(0, 200)
            .mapToObj(i -> eventBody(i, "OrderPlaced", 1))
            .toList();

    /** Which entries of every delete get dropped, for a seed: run in a different batch split each time. */
    private static List<String> droppedFor(FaultPlan plan, int batch) {
        FaultInjector f = new FaultInjector(plan);
        List<String> dropped = new ArrayList<>();
        for (int from = 0; from < BODIES.size(); from += batch) {
            List<String> part = BODIES.subList(from, Math.min(BODIES.size(), from + batch));
            String prefix = "r" + from + "-";
            f.onReceive("{\"QueueUrl\":\"" + QUEUE + "\"}", receiveResponse(part, 1, prefix));
            FaultInjector.DeleteSplit split = f.splitDeletes(deleteRequest(part.size(), prefix));
            int base = from;
            split.droppedIds().forEach(id -> dropped.add("order" + (base + Integer.parseInt(id))));
        }
        return dropped;
    }

    @Test
    void sameSeedSameDuplicatesWhateverTheBatching() {
        FaultPlan plan = new FaultPlan(42, 0.2, 0, 0, 0, 0, 0);
        List<String> inTens = droppedFor(plan, 10);
        assertThat(inTens).isEqualTo(droppedFor(plan, 7)).isEqualTo(droppedFor(plan, 1));
        assertThat(inTens.size()).isBetween(20, 60);
        assertThat(droppedFor(new FaultPlan(43, 0.2, 0, 0, 0, 0, 0), 10)).isNotEqualTo(inTens);
    }

    @Test
    void aCrashDropsTheWholeBatchAndOnlyFirstDeliveriesAreFaulted() {
        FaultPlan plan = new FaultPlan(1, 0, 0, 1.0, 0, 0, 0);
        FaultInjector f = new FaultInjector(plan);
        f.onReceive("{\"QueueUrl\":\"" + QUEUE + "\"}", receiveResponse(BODIES.subList(0, 5), 1, "a"));
        FaultInjector.DeleteSplit split = f.splitDeletes(deleteRequest(5, "a"));
        assertThat(split.droppedIds()).containsExactly("0", "1", "2", "3", "4");
        assertThat(split.forwardBody()).isNull();
        assertThat(f.crashedBatches.get()).isEqualTo(1);

        // the redelivery (receive count 2) is deleted for real
        f.onReceive("{\"QueueUrl\":\"" + QUEUE + "\"}", receiveResponse(BODIES.subList(0, 5), 2, "b"));
        FaultInjector.DeleteSplit again = f.splitDeletes(deleteRequest(5, "b"));
        assertThat(again.droppedIds()).isEmpty();
        assertThat(again.forwardBody()).contains("b4");
        assertThat(f.remembered()).isZero();
    }

    @Test
    void droppedEntriesAreAnsweredAsSuccessfulNextToTheForwardedOnes() {
        String merged =
                FaultInjector.deleteResponse("{\"Successful\":[{\"Id\":\"0\"}],\"Failed\":[]}", List.of("1", "2"));
        assertThat(merged).isEqualTo("{\"Successful\":[{\"Id\":\"0\"},{\"Id\":\"1\"},{\"Id\":\"2\"}],\"Failed\":[]}");
        assertThat(FaultInjector.deleteResponse(null, List.of("3")))
                .isEqualTo("{\"Successful\":[{\"Id\":\"3\"}],\"Failed\":[]}");
    }

    @Test
    void heldBackFirstDeliveriesAndShuffledBatchesAreDeterministic() {
        FaultPlan plan = new FaultPlan(9, 0, 0.3, 0, 0, 0, 0);
        String response = receiveResponse(BODIES.subList(0, 10), 1, "h");
        String once = new FaultInjector(plan).onReceive("{\"QueueUrl\":\"" + QUEUE + "\"}", response);
        String twice = new FaultInjector(plan).onReceive("{\"QueueUrl\":\"" + QUEUE + "\"}", response);
        assertThat(once).isEqualTo(twice).isNotEqualTo(response);
        long kept = IntStream.range(0, 10)
                .filter(i -> once.contains("\"h" + i + "\""))
                .count();
        long expectedKept = IntStream.range(0, 10)
                .filter(i -> !plan.reorder(DeliveryKeys.ofMessage("eventflow-inventory-dev", BODIES.get(i))))
                .count();
        assertThat(kept).isEqualTo(expectedKept);
        // redeliveries are never held back
        String second = new FaultInjector(plan)
                .onReceive("{\"QueueUrl\":\"" + QUEUE + "\"}", receiveResponse(BODIES.subList(0, 10), 2, "h"));
        assertThat(IntStream.range(0, 10)
                        .filter(i -> second.contains("\"h" + i + "\""))
                        .count())
                .isEqualTo(10);
    }

    @Test
    void streamPagesAreLeftAloneUnlessStreamReorderIsOn() {
        String page = "{\"Records\":[" + record(1, 1) + "," + record(1, 2) + "," + record(2, 1)
                + "],\"NextShardIterator\":\"x\"}";
        assertThat(new FaultInjector(new FaultPlan(1, 0, 1.0, 0, 0, 0, 0)).reorder(page))
                .isNull();
        FaultPlan all = new FaultPlan(3, 0, 0, 0, 0, 0, 0.5);
        String moved = new FaultInjector(all).reorder(page);
        assertThat(moved).isEqualTo(new FaultInjector(all).reorder(page));
    }

    private static String record(int order, int seq) {
        return "{\"eventID\":\"" + order + seq + "\",\"dynamodb\":{\"SequenceNumber\":\"" + (order * 10 + seq)
                + "\",\"NewImage\":{" + "\"eventType\":{\"S\":\"T" + seq + "\"},\"sequence\":{\"N\":\"" + seq
                + "\"},\"correlationId\":{\"S\":\"chaos-s1-" + order + "\"}}}}";
    }

    @Test
    void keysNameTheOrderTypeAndSequenceNotRandomIds() {
        assertThat(DeliveryKeys.ofMessage("q", eventBody(17, "OrderConfirmed", 4)))
                .isEqualTo("q|o17|OrderConfirmed|4");
        String sns =
                "{\"Type\":\"Notification\",\"Message\":\"{\\\"notificationId\\\":\\\"n\\\",\\\"notificationType\\\":\\\"ShipmentScheduled\\\",\\\"correlationId\\\":\\\"chaos-s9-3\\\"}\"}";
        assertThat(DeliveryKeys.ofMessage("sms", sns)).isEqualTo("sms|o3|notify|ShipmentScheduled");
        assertThat(DeliveryKeys.ofMessage("q", "poison"))
                .isEqualTo(DeliveryKeys.ofMessage("q", "poison"))
                .startsWith("q|body|");
    }
}
