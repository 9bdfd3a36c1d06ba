package io.eventflow.runtime;

import io.eventflow.aws.AwsClients;
import java.time.Duration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The runtime's own SDK clients (built once the endpoint is known), with the project's client settings. */
public final class Clients {
    public final DynamoDbClient dynamo =
            AwsClients.configure(DynamoDbClient.builder()).build();
    public final DynamoDbStreamsClient streams =
            AwsClients.configure(DynamoDbStreamsClient.builder()).build();
    public final SqsClient sqs = AwsClients.configure(SqsClient.builder()).build();
    /** For the pollers' long polls: an attempt may wait {@link LocalRuntime#LONG_POLL_SECONDS} for a message. */
    public final SqsClient pollingSqs = AwsClients.configure(SqsClient.builder())
            .httpClient(UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(2))
                    .socketTimeout(Duration.ofSeconds(LocalRuntime.LONG_POLL_SECONDS + 10))
                    .build())
            .overrideConfiguration(o -> o.apiCallAttemptTimeout(Duration.ofSeconds(LocalRuntime.LONG_POLL_SECONDS + 10))
                    .apiCallTimeout(Duration.ofSeconds(3 * LocalRuntime.LONG_POLL_SECONDS + 30)))
            .build();

    public final SnsClient sns = AwsClients.configure(SnsClient.builder()).build();
    public final EventBridgeClient events =
            AwsClients.configure(EventBridgeClient.builder()).build();
    public final SesClient ses = AwsClients.configure(SesClient.builder()).build();
    /** Queue URLs as this endpoint gives them (for {@code Template.load}). */
    public final QueueUrls queueUrls = new QueueUrls(sqs);
}
