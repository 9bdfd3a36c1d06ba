package io.eventflow.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

class InMemoryReplayBusTest extends ReplayBusContract {
    private final InMemoryReplayBus bus = new InMemoryReplayBus();

    InMemoryReplayBusTest() {
        bus.putRule("placed", placedPattern(), InMemoryReplayBus.queueArn("placed"));
        bus.putRule("all", allPattern(), InMemoryReplayBus.queueArn("all"));
        bus.putRule("lambda", neverPattern(), "arn:aws:lambda:us-east-1:123456789012:function:consumer");
    }

    @Override
    protected ReplayBus bus() {
        return bus;
    }

    @Override
    protected String placedRule() {
        return "placed";
    }

    @Override
    protected String allRule() {
        return "all";
    }

    @Override
    protected String lambdaRule() {
        return "lambda";
    }

    @Override
    protected List<JsonNode> received(Queue queue, Set<String> eventIds, int atLeast) {
        List<JsonNode> out = new ArrayList<>();
        bus.queue(queue == Queue.PLACED ? "placed" : "all").stream()
                .filter(j -> eventIds.contains(j.path("detail").path("eventId").asText()))
                .forEach(out::add);
        return out;
    }
}
