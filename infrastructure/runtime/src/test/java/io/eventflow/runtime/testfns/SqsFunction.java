package io.eventflow.runtime.testfns;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.eventflow.aws.Environment;
import java.util.ArrayList;
import java.util.List;

/**
 * Test handler: body "fail" is reported as a batch item failure, "throw" fails the whole batch. It reports what it
 * saw on stdout ("delivered:body#count", "mode:MODE/WORK_TABLE" at init), which the runtime captures.
 */
public class SqsFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {
    public SqsFunction() {
        System.out.println("mode:" + Environment.get("MODE").orElse(null) + "/"
                + Environment.get("WORK_TABLE").orElse(null) + "/" + System.getenv("MODE"));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            System.out.println(
                    "delivered:" + m.getBody() + "#" + m.getAttributes().get("ApproximateReceiveCount"));
            if (m.getBody().equals("throw")) {
                throw new IllegalStateException("asked to throw");
            }
            if (m.getBody().startsWith("fail")) {
                failures.add(SQSBatchResponse.BatchItemFailure.builder()
                        .withItemIdentifier(m.getMessageId())
                        .build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
