package io.eventflow.capacity.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure model on small hand-made inputs: every number below can be checked with a pencil. */
class CapacityModelTest {
    static Limits limits() {
        return new Limits(
                "test",
                List.of(
                        limit("dynamodb.partition.wru", 1000, "hard"),
                        limit("dynamodb.table.wru", 40000, "quota"),
                        limit("dynamodb.table.rru", 40000, "quota"),
                        limit("lambda.stream.parallelization", 10, "hard"),
                        limit("dynamodb.streams.readers", 2, "hard"),
                        limit("lambda.sqs.esm.concurrency", 1000, "hard"),
                        limit("lambda.account.concurrency", 1000, "quota"),
                        limit("lambda.scaling.rate", 1000, "hard"),
                        limit("eventbridge.putevents.tps", 10000, "quota"),
                        limit("eventbridge.invocations.tps", 18750, "quota"),
                        limit("sns.publish.tps", 30000, "quota"),
                        limit("sns.sms.mps", 100, "quota"),
                        limit("ses.sending.rate", 30, "quota"),
                        limit("apigateway.http.rps", 10000, "quota")));
    }

    static Limits.Limit limit(String id, double value, String kind) {
        return new Limits.Limit(id, id, value, "u", kind, "https://example.com", "2026-11-30", null);
    }

    static Prices prices() {
        return new Prices(
                "test",
                "USD",
                "2026-11-30",
                List.of(
                        price("lambda.requests", 0.2e-6),
                        price("lambda.gbsecond.arm64", 0.0000133334),
                        price("dynamodb.wru", 0.625e-6),
                        price("dynamodb.rru", 0.125e-6),
                        price("eventbridge.event", 1e-6),
                        price("sqs.request", 0.4e-6),
                        price("sns.publish", 0.5e-6),
                        price("sns.sms", 0.01),
                        price("ses.email", 0.0001),
                        price("apigateway.http.request", 1e-6),
                        price("logs.ingest", 0.5),
                        price("xray.trace", 5e-6)));
    }

    static Prices.Price price(String id, double usd) {
        return new Prices.Price(id, id, usd, "unit", "https://example.com", null);
    }

    static TemplateSettings template() {
        return new TemplateSettings(Map.of(
                "Api", new TemplateSettings.Function("Api", 1024, "HttpApi", null, null, 0, 0, null, null),
                "Relay", new TemplateSettings.Function("Relay", 1024, "DynamoDB", null, null, 100, 1, null, null),
                "Consumer",
                        new TemplateSettings.Function("Consumer", 512, "SQS", "Q", "eventbridge", 10, 0, null, null)));
    }

    /** One order: the API appends 2 events (4 WRU + 1 GSI WRU on 'Placed'), the relay publishes 2, the consumer handles 1. */
    static Inputs inputs() {
        Inputs.PathInputs path = new Inputs.PathInputs(
                Map.of(
                        "Api",
                        Map.of("dynamodb.EventStoreTable.wru", 4.0, "dynamodb.EventStoreTable/ByType.wru", 1.0),
                        "Relay",
                        Map.of("eventbridge.PutEvents.requests", 2.0, "eventbridge.billedEvents", 2.0),
                        "ESM:Consumer",
                        Map.of(
                                "sqs.messagesReceived",
                                1.0,
                                "sqs.ReceiveMessage.requests",
                                1.0,
                                "sqs.DeleteMessageBatch.requests",
                                1.0),
                        "Consumer",
                        Map.of("ses.emails", 1.0, "dynamodb.IdempotencyTable.wru", 2.0)),
                Map.of(
                        "Api",
                        new Inputs.FunctionRun(1, 1, 20, 20, 1024, 1000, 4),
                        "Relay",
                        new Inputs.FunctionRun(2, 2, 10, 10, 1024, 0, 0),
                        "Consumer",
                        new Inputs.FunctionRun(1, 1, 100, 100, 512, 0, 0)),
                Map.of("EventStoreTable/ByType", new Inputs.Partitions(0, Map.of("Placed", 1.0))));
        return new Inputs(
                new Inputs.Meta("abc", "cmd", "2026-11-30", "moto", "2 cores", 1, 2, List.of()),
                Map.of("shipped", path));
    }

    final CapacityModel model = new CapacityModel(inputs(), limits(), prices(), template());

    @Test
    void littlesLawGivesEachFunctionsConcurrency() {
        Report r = model.evaluate(100, Map.of("shipped", 1.0));
        assertThat(r.functions())
                .filteredOn(f -> f.function().equals("Consumer"))
                .singleElement()
                .satisfies(f -> assertThat(f.concurrency()).isCloseTo(10.0, within(1e-9)));
        assertThat(r.functions())
                .filteredOn(f -> f.function().equals("Relay"))
                .singleElement()
                .satisfies(f -> assertThat(f.recordsPerSecond()).isEqualTo(200.0));
    }

    @Test
    void aTypeKeyedIndexPartitionSaturatesAtItsOneThousandWriteUnits() {
        Report r = model.evaluate(100, Map.of("shipped", 1.0));
        Report.Component hot = component(r, "partition 'Placed'");
        assertThat(hot.load()).isEqualTo(100.0);
        assertThat(hot.saturatesAt()).isEqualTo(1000.0);
        assertThat(hot.kind()).isEqualTo("hard");
        assertThat(r.firstHardLimit().name()).contains("partition 'Placed'");
    }

    @Test
    void theFirstComponentToSaturateIsTheSmallestRate() {
        Report r = model.evaluate(10, Map.of("shipped", 1.0));
        // SES: 1 email per order against 30/s (the relay at PF 1 would follow at 50/s)
        assertThat(r.firstToSaturate().name()).isEqualTo("SES sending rate");
        assertThat(r.firstToSaturate().saturatesAt()).isCloseTo(30.0, within(1e-9));
        assertThat(component(r, "account concurrency").load()).isCloseTo(10 * (0.02 + 0.02 + 0.1), within(1e-9));
    }

    @Test
    void aStreamConsumerNeedsParallelismOnlyWhenAFullShardOutrunsIt() {
        // relay: 20 ms of work per order; a full shard carries 1000 WRU/s / 4 WRU per order = 250 orders/s -> 5 batches
        Report r = model.evaluate(1000, Map.of("shipped", 1.0));
        Report.Component today = component(r, "Relay: batches on the busiest stream shard (ParallelizationFactor 1)");
        assertThat(today.load()).isCloseTo(5.0, within(1e-9));
        assertThat(today.saturatesAt()).isCloseTo(50.0, within(1e-9));
        assertThat(component(r, "(ParallelizationFactor max)").saturatesAt()).isInfinite();
        assertThat(r.settings())
                .filteredOn(s -> s.function().equals("Relay"))
                .singleElement()
                .satisfies(s -> assertThat(s.needed()).startsWith("5 "));
    }

    @Test
    void costPerMillionOrdersIsCountsTimesPrices() {
        Report r = model.evaluate(100, Map.of("shipped", 1.0));
        assertThat(cost(r, "DynamoDB", "write")).isCloseTo(7 * 0.625, within(1e-9));
        assertThat(cost(r, "EventBridge", "custom")).isCloseTo(2.0, within(1e-9));
        // delivery into the queue + receive + delete
        assertThat(cost(r, "SQS", "requests")).isCloseTo(3 * 0.4, within(1e-9));
        assertThat(cost(r, "SES", "emails")).isCloseTo(100.0, within(1e-9));
        assertThat(r.totalUsdPerMillionOrders())
                .isEqualTo(r.costs().stream()
                        .mapToDouble(Report.CostLine::usdPerMillionOrders)
                        .sum());
        assertThat(cost(r, "Lambda", "requests")).isCloseTo(4 * 0.2, within(1e-9));
        // 20 ms + 2 x 10 ms at 1 GB, 100 ms at 0.5 GB = 0.09 GB-s
        assertThat(cost(r, "Lambda", "duration")).isCloseTo(0.09 * 13.3334, within(1e-6));
        assertThat(cost(r, "CloudWatch Logs", "ingestion")).isCloseTo((1000 + 26 * 4) / 1e9 * 1e6 * 0.5, within(1e-9));
    }

    @Test
    void aDurationScaleChangesConcurrencyAndDurationCostButNoCount() {
        Report half =
                new CapacityModel(inputs(), limits(), prices(), template(), 0.5).evaluate(100, Map.of("shipped", 1.0));
        Report full = model.evaluate(100, Map.of("shipped", 1.0));
        assertThat(component(half, "account concurrency").load())
                .isCloseTo(component(full, "account concurrency").load() / 2, within(1e-9));
        assertThat(cost(half, "Lambda", "duration")).isCloseTo(cost(full, "Lambda", "duration") / 2, within(1e-9));
        assertThat(cost(half, "DynamoDB", "write")).isEqualTo(cost(full, "DynamoDB", "write"));
        assertThatThrownBy(() -> new CapacityModel(inputs(), limits(), prices(), template(), 0))
                .hasMessageContaining("> 0");
    }

    @Test
    void theMixIsNormalisedAndItsNamesChecked() {
        assertThat(CapacityModel.parseMix("shipped=8,stock=2", List.of("shipped", "stock")))
                .containsEntry("shipped", 0.8)
                .containsEntry("stock", 0.2);
        assertThatThrownBy(() -> CapacityModel.parseMix("shiped=1", List.of("shipped")))
                .hasMessageContaining("unknown path 'shiped'");
        assertThatThrownBy(() -> CapacityModel.parseMix("shipped", List.of("shipped")))
                .hasMessageContaining("path=share");
        assertThatThrownBy(() -> model.evaluate(0, Map.of("shipped", 1.0))).hasMessageContaining("> 0");
    }

    @Test
    void theProjectTemplateIsReadForTheSettingsTheModelChecks() {
        Path root = io.eventflow.emulator.RepoRoot.find();
        TemplateSettings t = TemplateSettings.read(root.resolve("template.yaml"));
        assertThat(t.functions().get("EventRelayFunction").trigger()).isEqualTo("DynamoDB");
        assertThat(t.functions().get("EventRelayFunction").parallelizationFactor())
                .isBetween(1, 10);
        assertThat(t.functions().get("PaymentFunction").fedBy()).isEqualTo("eventbridge");
        assertThat(t.functions().get("EmailSenderFunction").fedBy()).isEqualTo("sns");
        assertThat(t.functions().get("OrderApiFunction").trigger()).isEqualTo("HttpApi");
        assertThat(t.functions().get("OrderApiFunction").memoryMb()).isPositive();
    }

    private static Report.Component component(Report r, String nameContains) {
        return r.components().stream()
                .filter(c -> c.name().contains(nameContains))
                .findFirst()
                .orElseThrow();
    }

    private static double cost(Report r, String service, String itemStart) {
        return r.costs().stream()
                .filter(c -> c.service().equals(service) && c.item().startsWith(itemStart))
                .mapToDouble(Report.CostLine::usdPerMillionOrders)
                .sum();
    }
}
