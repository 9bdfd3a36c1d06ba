package io.eventflow.relay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

class InMemoryEventBusTest extends EventBusContract {
    private final InMemoryEventBus bus = new InMemoryEventBus();

    @Override
    protected EventBus bus() {
        return bus;
    }

    @Override
    protected List<JsonNode> received(Set<String> eventIds) {
        return bus.entries().stream()
                .map(e -> (JsonNode) e.asEventBridgeEvent())
                .filter(j -> eventIds.contains(j.path("detail").path("eventId").asText()))
                .toList();
    }
}
