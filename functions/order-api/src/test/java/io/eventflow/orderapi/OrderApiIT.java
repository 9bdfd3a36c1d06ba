package io.eventflow.orderapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.MotoOnly;
import io.eventflow.emulator.TableProvisioner;
import io.eventflow.emulator.Template;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventJson;
import io.eventflow.projector.DynamoDbOrderViewRepository;
import io.eventflow.projector.OrderProjector;
import io.eventflow.projector.Projection;
import io.eventflow.store.DynamoDbEventStore;
import io.eventflow.store.EventStore;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * OrderApiFunction wired as in Lambda (no-arg handler reading its table names from the environment, here
 * system properties) against DynamoDB on the emulator: POST appends to a real EventStoreTable through the
 * idempotency table, bad input writes nothing anywhere, and GET reads what the projector wrote.
 */
@ExtendWith(EmulatorExtension.class)
@MotoOnly // the API handler on DynamoDB alone
class OrderApiIT {
    private static final String DIR = "../../events/order-api/";
    private static final List<String> SETTINGS = List.of(
            "EVENT_STORE_TABLE", "IDEMPOTENCY_TABLE", "ORDER_VIEW_TABLE", "INVENTORY_TABLE", "SMS_COUNTRY_PREFIXES");

    private static String eventTable;
    private static String idempotencyTable;
    private static String viewTable;
    private static EventStore store;
    private static OrderApiHandler handler;

    @BeforeAll
    static void createTables() {
        String suffix = UUID.randomUUID().toString();
        eventTable = "events-api-it-" + suffix;
        idempotencyTable = "idempotency-api-it-" + suffix;
        viewTable = "order-view-api-flow-it-" + suffix;
        TableProvisioner.create(AwsClients.dynamo(), Template.project(), "EventStoreTable", eventTable);
        TableProvisioner.create(AwsClients.dynamo(), Template.project(), "IdempotencyTable", idempotencyTable);
        TableProvisioner.create(AwsClients.dynamo(), Template.project(), "OrderViewTable", viewTable);
        io.eventflow.aws.TestEnvironment.set("EVENT_STORE_TABLE", eventTable);
        io.eventflow.aws.TestEnvironment.set("IDEMPOTENCY_TABLE", idempotencyTable);
        io.eventflow.aws.TestEnvironment.set("ORDER_VIEW_TABLE", viewTable);
        String inventoryTable = "inventory-api-it-" + suffix;
        TableProvisioner.create(AwsClients.dynamo(), Template.project(), "InventoryTable", inventoryTable);
        // The catalog as the demo seeds it: price and currency on the inventory items.
        Map.of("SKU-001", 1250L, "SKU-002", 4999L)
                .forEach((sku, cents) -> AwsClients.dynamo()
                        .putItem(b -> b.tableName(inventoryTable)
                                .item(Map.of(
                                        "sku",
                                        AttributeValue.fromS(sku),
                                        "available",
                                        AttributeValue.fromN("10"),
                                        "priceCents",
                                        AttributeValue.fromN(Long.toString(cents)),
                                        "currency",
                                        AttributeValue.fromS("EUR")))));
        io.eventflow.aws.TestEnvironment.set("INVENTORY_TABLE", inventoryTable);
        io.eventflow.aws.TestEnvironment.set("SMS_COUNTRY_PREFIXES", "+1,+44");
        store = new DynamoDbEventStore(AwsClients.dynamo(), eventTable);
        handler = new OrderApiHandler();
    }

    @AfterAll
    static void clearSettings() {
        io.eventflow.aws.TestEnvironment.reset();
    }

    private static APIGatewayV2HTTPEvent load(String file) {
        return EventLoader.loadApiGatewayHttpEvent(DIR + file);
    }

    private static int count(String table) {
        return AwsClients.dynamo().scan(b -> b.tableName(table).select("COUNT")).count();
    }

    private static JsonNode body(APIGatewayV2HTTPResponse r) {
        return EventJson.parse(r.getBody());
    }

    @Test
    void placesAnOrderOnceAndShowsItAfterProjection() {
        APIGatewayV2HTTPEvent post = load("post-order.json");
        post.getHeaders().put("idempotency-key", "it-" + UUID.randomUUID());

        APIGatewayV2HTTPResponse first = handler.handleRequest(post, null);
        APIGatewayV2HTTPResponse retry = handler.handleRequest(post, null);

        assertThat(first.getStatusCode()).isEqualTo(202);
        assertThat(retry.getStatusCode()).isEqualTo(202);
        assertThat(body(retry)).isEqualTo(body(first));
        String orderId = body(first).get("orderId").asText();
        List<EventEnvelope> stream = store.readStream("Order-" + orderId, 1);
        assertThat(stream).singleElement().satisfies(e -> {
            assertThat(e.eventType()).isEqualTo("OrderPlaced");
            assertThat(e.eventId()).isEqualTo(body(first).get("eventId").asText());
            assertThat(e.correlationId()).isEqualTo("corr-3f0c6a52-docs");
        });

        post.setBody(post.getBody().replace("CUST-42", "CUST-43"));
        assertThat(handler.handleRequest(post, null).getStatusCode()).isEqualTo(409);

        APIGatewayV2HTTPEvent get = load("get-order.json");
        get.getPathParameters().put("orderId", orderId);
        get.setRawPath("/orders/" + orderId);
        assertThat(handler.handleRequest(get, null).getStatusCode()).isEqualTo(404); // not projected yet

        OrderProjector.Batch projection =
                new OrderProjector(new DynamoDbOrderViewRepository(AwsClients.dynamo(), viewTable), store).batch();
        assertThat(projection.add(stream.get(0), "record-1")).isInstanceOf(Projection.Applied.class);
        assertThat(projection.flush((written, events) -> {})).isEmpty();

        APIGatewayV2HTTPResponse view = handler.handleRequest(get, null);
        assertThat(view.getStatusCode()).isEqualTo(200);
        JsonNode order = body(view);
        assertThat(order.get("orderId").asText()).isEqualTo(orderId);
        assertThat(order.get("status").asText()).isEqualTo("PLACED");
        assertThat(order.get("totalCents").asLong()).isEqualTo(7499);
        assertThat(order.get("version").asLong()).isEqualTo(1);
        assertThat(order.get("items")).hasSize(2);
        assertThat(order.get("timeline").get(0).get("eventType").asText()).isEqualTo("OrderPlaced");
    }

    @Test
    void badInputWritesNothing() {
        int events = count(eventTable);
        int records = count(idempotencyTable);

        APIGatewayV2HTTPResponse invalid = handler.handleRequest(load("post-order-invalid.json"), null);
        APIGatewayV2HTTPEvent malformed = load("post-order.json");
        malformed.setBody("{\"customerId\":");
        APIGatewayV2HTTPEvent wrongType = load("post-order.json");
        wrongType.getHeaders().put("content-type", "text/plain");
        APIGatewayV2HTTPEvent smsElsewhere = load("post-order.json");
        smsElsewhere.setBody(smsElsewhere.getBody().replace("+15550100042", "+4915112345678"));

        assertThat(invalid.getStatusCode()).isEqualTo(422);
        assertThat(handler.handleRequest(malformed, null).getStatusCode()).isEqualTo(400);
        assertThat(handler.handleRequest(smsElsewhere, null).getStatusCode())
                .as("SMS_COUNTRY_PREFIXES")
                .isEqualTo(422);
        assertThat(handler.handleRequest(wrongType, null).getStatusCode()).isEqualTo(415);
        assertThat(count(eventTable)).isEqualTo(events);
        assertThat(count(idempotencyTable)).isEqualTo(records);
    }

    @Test
    void pricesComeFromTheCatalog() {
        int events = count(eventTable);
        APIGatewayV2HTTPEvent free = load("post-order.json");
        free.setBody(free.getBody().replace("\"unitPriceCents\": 1250", "\"unitPriceCents\": 0"));
        APIGatewayV2HTTPEvent dollars = load("post-order.json");
        dollars.setBody(dollars.getBody().replace("\"EUR\"", "\"USD\""));

        APIGatewayV2HTTPResponse zero = handler.handleRequest(free, null);
        APIGatewayV2HTTPResponse usd = handler.handleRequest(dollars, null);

        assertThat(zero.getStatusCode()).isEqualTo(422);
        assertThat(zero.getBody()).contains("$.items[0].unitPriceCents").contains("catalog price of SKU-001 is 1250");
        assertThat(usd.getStatusCode()).isEqualTo(422);
        assertThat(usd.getBody()).contains("$.currency").contains("in EUR");
        assertThat(count(eventTable)).isEqualTo(events);

        APIGatewayV2HTTPEvent unpriced = load("post-order.json");
        unpriced.setBody(
                "{\"customerId\":\"CUST-42\",\"items\":[{\"sku\":\"SKU-001\",\"quantity\":2},{\"sku\":\"SKU-002\",\"quantity\":1}]}");
        APIGatewayV2HTTPResponse placed = handler.handleRequest(unpriced, null);
        assertThat(placed.getStatusCode()).isEqualTo(202);
        EventEnvelope event = store.readStream(
                        "Order-" + body(placed).get("orderId").asText(), 1)
                .get(0);
        assertThat(event.data().get("totalCents").asLong()).isEqualTo(7499);
        assertThat(event.data().get("currency").asText()).isEqualTo("EUR");
    }
}
