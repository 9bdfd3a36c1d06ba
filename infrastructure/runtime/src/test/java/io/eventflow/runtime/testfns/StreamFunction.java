package io.eventflow.runtime.testfns;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import java.util.List;

/** Test handler: a batch holding an item whose id starts with "poison" fails; records every batch's ids. */
public class StreamFunction implements RequestHandler<DynamodbEvent, Void> {

    @Override
    public Void handleRequest(DynamodbEvent event, Context context) {
        List<String> ids = event.getRecords().stream()
                .map(r -> r.getDynamodb().getKeys().get("id").getS())
                .toList();
        System.out.println("batch:" + String.join(",", ids));
        if (ids.stream().anyMatch(id -> id.startsWith("poison"))) {
            throw new IllegalArgumentException("poison record in " + ids);
        }
        return null;
    }
}
