package io.eventflow.sms;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.eventflow.aws.AwsClients;
import io.eventflow.lambda.MessageDelay;
import io.eventflow.lambda.SqsBatch;
import io.eventflow.lambda.SqsMessageDelay;
import io.eventflow.notification.SmsCountries;
import io.eventflow.priming.Priming;
import io.eventflow.priming.PrimingAws;
import io.eventflow.priming.PrimingOrder;
import io.eventflow.wiring.Stores;
import java.time.Clock;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SmsSenderFunction: SmsQueue (SNS subscription to NotificationTopic filtered on ShipmentScheduled, no raw
 * delivery) → SNS Publish to the customer phone number found in the order's stream.
 */
public final class SmsSenderHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final class Clients {
        static final SnsClient SNS = AwsClients.configure(SnsClient.builder()).build();
        static final SqsClient SQS = AwsClients.configure(SqsClient.builder()).build();
    }

    private final SmsSenderService service;
    private final SqsBatch batch;

    public SmsSenderHandler() {
        this(
                new SmsSenderService(
                        Stores.eventStore(AwsClients.dynamo()),
                        Stores.idempotency(AwsClients.dynamo(), Clock.systemUTC()),
                        new SnsSmsSender(Clients.SNS),
                        SmsCountries.parse(AwsClients.env("SMS_COUNTRY_PREFIXES")),
                        SmsSenderService.breaker(Clock.systemUTC())),
                new SqsMessageDelay(Clients.SQS));
        Priming.register("SmsSenderFunction", () -> {
            Priming.eventStore();
            Priming.eventJson("ShipmentScheduled");
            primeThroughHandler();
        });
    }

    /** ShipmentScheduled's notification through a second handler over priming's AWS: refused at the idempotency claim. */
    static PrimingAws primeThroughHandler() {
        PrimingAws aws = new PrimingAws().events(PrimingOrder.history(5));
        Priming.invoke(
                new SmsSenderHandler(
                        new SmsSenderService(
                                aws.eventStore(),
                                aws.idempotency(),
                                new SnsSmsSender(aws.client(SnsClient.builder())),
                                SmsCountries.parse(AwsClients.env("SMS_COUNTRY_PREFIXES"))),
                        new SqsMessageDelay(aws.client(SqsClient.builder()))),
                PrimingOrder.notificationMessage(PrimingOrder.event(5)));
        return aws;
    }

    /** @param delay keeps messages on the queue while the breaker the service sends through is open */
    public SmsSenderHandler(SmsSenderService service, MessageDelay delay) {
        this.service = service;
        this.batch = new SqsBatch(SmsSenderService.CONSUMER, Clock.systemUTC(), service.breaker(), delay);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return batch.processNotifications(event, context, service::handle);
    }
}
