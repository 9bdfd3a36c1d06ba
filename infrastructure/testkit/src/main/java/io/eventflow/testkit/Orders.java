package io.eventflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.emulator.RepoRoot;
import io.eventflow.events.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Orders to place: the project's sample (events/order-api/post-order.json) and the variants the flow branches on
 * (the seeded stock of events/inventory/seed-stock.json, the simulated payment provider's rules).
 */
public final class Orders {
    private Orders() {}

    /** The sample order of events/order-api/post-order.json (2 x SKU-001, 1 x SKU-002), with the flow's contact. */
    public static OrderRequest sample() {
        try {
            JsonNode post =
                    EventJson.parse(Files.readString(RepoRoot.find().resolve("events/order-api/post-order.json")));
            JsonNode body = EventJson.parse(post.path("body").asText());
            List<OrderRequest.Item> items = new ArrayList<>();
            body.path("items")
                    .forEach(i -> items.add(new OrderRequest.Item(
                            i.path("sku").asText(), i.path("quantity").asInt())));
            return new OrderRequest(
                    body.path("customerId").asText(),
                    null,
                    null,
                    body.path("currency").asText(null),
                    items);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One item with no stock (SKU-OUT): cancelled by inventory. */
    public static OrderRequest outOfStock() {
        return sample().withItems(List.of(new OrderRequest.Item("SKU-OUT", 1)));
    }

    /** A customer the simulated payment provider declines (CUST-DECLINE*): cancelled, stock given back. */
    public static OrderRequest declined() {
        return sample().withCustomer("CUST-DECLINE-QA");
    }
}
