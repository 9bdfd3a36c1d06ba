package io.eventflow.notifier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.eventflow.aws.AwsClients;
import io.eventflow.lambda.SqsBatch;
import io.eventflow.notification.Notification;
import io.eventflow.priming.Priming;
import io.eventflow.priming.PrimingAws;
import io.eventflow.priming.PrimingOrder;
import io.eventflow.verify.StoredEventVerifier;
import io.eventflow.wiring.Stores;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * NotifierFunction: NotificationQueue (OrderConfirmed, OrderCancelled, ShipmentScheduled as EventBridge
 * events) → a thin notification on NotificationTopic. Partial batch failures via {@link SqsBatch}.
 */
public final class NotifierHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final class Clients {
        static final SnsClient SNS = AwsClients.configure(SnsClient.builder()).build();
    }

    private final NotifierService service;
    private final SqsBatch batch;

    public NotifierHandler() {
        this(service(Clients.SNS, AwsClients.dynamo()), Clock.systemUTC());
        Priming.register("NotifierFunction", () -> {
            Priming.eventStore();
            Priming.eventJson("OrderConfirmed");
            primeThroughHandler();
        });
    }

    /** An OrderConfirmed through a second handler over priming's AWS: refused at the idempotency claim. */
    static PrimingAws primeThroughHandler() {
        PrimingAws aws = new PrimingAws().events(PrimingOrder.history(4));
        Priming.invoke(
                new NotifierHandler(service(aws.client(SnsClient.builder()), aws.dynamo()), Clock.systemUTC()),
                PrimingOrder.ruleMessage(PrimingOrder.event(4)));
        return aws;
    }

    private static NotifierService service(SnsClient sns, DynamoDbClient dynamo) {
        return new NotifierService(
                new SnsNotifier(sns, AwsClients.env("NOTIFICATION_TOPIC_ARN")),
                Stores.idempotency(dynamo, Clock.systemUTC()),
                new StoredEventVerifier(Stores.eventStore(dynamo)));
    }

    public NotifierHandler(NotifierService service, Clock clock) {
        this.service = service;
        this.batch = new SqsBatch(Notification.CONSUMER, clock);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        if (event != null && event.getRecords() != null) {
            service.readAhead(event.getRecords().stream()
                    .map(SQSEvent.SQSMessage::getBody)
                    .toList());
        }
        return batch.process(event, context, service::handle);
    }
}
