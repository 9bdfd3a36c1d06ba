package io.eventflow.runtime.testfns;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.List;

/** Test handler: reports the first record whose id starts with "bad" (and stops there), as AWS recommends. */
public class StreamRbifFunction implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        System.out.println("batch:"
                + String.join(
                        ",",
                        event.getRecords().stream()
                                .map(r -> r.getDynamodb().getKeys().get("id").getS())
                                .toList()));
        for (var r : event.getRecords()) {
            if (r.getDynamodb().getKeys().get("id").getS().startsWith("bad")) {
                return StreamsEventResponse.builder()
                        .withBatchItemFailures(List.of(StreamsEventResponse.BatchItemFailure.builder()
                                .withItemIdentifier(r.getDynamodb().getSequenceNumber())
                                .build()))
                        .build();
            }
        }
        return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
    }
}
