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
                        Stores.eventStore(),
                        Stores.idempotency(Clock.systemUTC()),
                        new SesEmailSender(
                                Clients.SES, AwsClients.env("EMAIL_FROM"), AwsClients.env("SES_CONFIGURATION_SET")),
                        EmailSenderService.breaker(Clock.systemUTC())),
                new SqsMessageDelay(Clients.SQS));
        Priming.register("EmailSenderFunction", () -> {
            Priming.eventStore();
            Priming.eventJson("OrderConfirmed");
        });
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
