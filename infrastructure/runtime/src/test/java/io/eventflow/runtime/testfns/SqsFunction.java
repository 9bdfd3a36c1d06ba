package io.eventflow.runtime.testfns;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test handler: body "fail" is reported as a batch item failure, "throw" fails the whole batch. */
public class SqsFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** Every body delivered, with its ApproximateReceiveCount: "body#count". */
    public static final List<String> DELIVERIES = new CopyOnWriteArrayList<>();
    public static final List<String> MODES = new CopyOnWriteArrayList<>();

    public SqsFunction() {
        MODES.add(System.getProperty("MODE") + "/" + System.getProperty("WORK_TABLE"));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            DELIVERIES.add(m.getBody() + "#" + m.getAttributes().get("ApproximateReceiveCount"));
            if (m.getBody().equals("throw")) {
                throw new IllegalStateException("asked to throw");
            }
            if (m.getBody().startsWith("fail")) {
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(m.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
