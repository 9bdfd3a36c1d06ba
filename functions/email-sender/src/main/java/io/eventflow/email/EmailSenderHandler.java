package io.eventflow.email;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.eventflow.aws.AwsClients;
import io.eventflow.lambda.MessageDelay;
import io.eventflow.lambda.SqsBatch;
import io.eventflow.lambda.SqsMessageDelay;
import io.eventflow.priming.Priming;
import io.eventflow.priming.PrimingAws;
import io.eventflow.priming.PrimingOrder;
import io.eventflow.wiring.Stores;
import java.time.Clock;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * EmailSenderFunction: EmailQueue (SNS subscription to NotificationTopic, no raw delivery) → SES SendEmail
 * to the customer address found in the order's stream.
 */
public final class EmailSenderHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final class Clients {
        static final SesClient SES = AwsClients.configure(SesClient.builder()).build();
        static final SqsClient SQS = AwsClients.configure(SqsClient.builder()).build();
    }

    private final EmailSenderService service;
    private final SqsBatch batch;

    public EmailSenderHandler() {
        this(
                new EmailSenderService(
                        Stores.eventStore(AwsClients.dynamo()),
                        Stores.idempotency(AwsClients.dynamo(), Clock.systemUTC()),
                        new SesEmailSender(
                                Clients.SES, AwsClients.env("EMAIL_FROM"), AwsClients.env("SES_CONFIGURATION_SET")),
                        EmailSenderService.breaker(Clock.systemUTC())),
                new SqsMessageDelay(Clients.SQS));
        Priming.register("EmailSenderFunction", () -> {
            Priming.eventStore();
            Priming.eventJson("OrderConfirmed");
            primeThroughHandler();
        });
    }

    /** OrderConfirmed's notification through a second handler over priming's AWS: refused at the idempotency claim. */
    static PrimingAws primeThroughHandler() {
        PrimingAws aws = new PrimingAws().events(PrimingOrder.history(4));
        Priming.invoke(
                new EmailSenderHandler(
                        new EmailSenderService(
                                aws.eventStore(),
                                aws.idempotency(),
                                new SesEmailSender(
                                        aws.client(SesClient.builder()),
                                        AwsClients.env("EMAIL_FROM"),
                                        AwsClients.env("SES_CONFIGURATION_SET"))),
                        new SqsMessageDelay(aws.client(SqsClient.builder()))),
                PrimingOrder.notificationMessage(PrimingOrder.event(4)));
        return aws;
    }

    /** @param delay keeps messages on the queue while the breaker the service sends through is open */
    public EmailSenderHandler(EmailSenderService service, MessageDelay delay) {
        this.service = service;
        this.batch = new SqsBatch(EmailSenderService.CONSUMER, Clock.systemUTC(), service.breaker(), delay);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return batch.processNotifications(event, context, service::handle);
    }
}
