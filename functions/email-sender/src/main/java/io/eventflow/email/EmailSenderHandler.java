package io.eventflow.email;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.eventflow.aws.AwsClients;
import io.eventflow.lambda.SqsBatch;
import io.eventflow.idempotency.DynamoDbIdempotencyStore;
import io.eventflow.idempotency.IdempotencySettings;
import io.eventflow.store.DynamoDbEventStore;
import software.amazon.awssdk.services.ses.SesClient;

import java.time.Clock;

/**
 * EmailSenderFunction: EmailQueue (SNS subscription to NotificationTopic, no raw delivery) → SES SendEmail
 * to the customer address found in the order's stream.
 */
public final class EmailSenderHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final class Clients {
        static final SesClient SES = AwsClients.configure(SesClient.builder()).build();
    }

    private final EmailSenderService service;
    private final SqsBatch batch = new SqsBatch(EmailSenderService.CONSUMER, Clock.systemUTC());

    public EmailSenderHandler() {
        this(new EmailSenderService(
                new DynamoDbEventStore(AwsClients.dynamo(), AwsClients.env("EVENT_STORE_TABLE")),
                new DynamoDbIdempotencyStore(AwsClients.dynamo(), AwsClients.env("IDEMPOTENCY_TABLE"),
                        Clock.systemUTC(), IdempotencySettings.DEFAULT),
                new SesEmailSender(Clients.SES, AwsClients.env("EMAIL_FROM"), AwsClients.env("SES_CONFIGURATION_SET"))));
    }

    public EmailSenderHandler(EmailSenderService service) {
        this.service = service;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return batch.processNotifications(event, context, service::handle);
    }
}
