package io.eventflow.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Queue URLs as the endpoint gives them: the one CreateQueue returned, else GetQueueUrl (asked once per name).
 * Never built from a pattern: moto ({@code <endpoint>/<account>/<name>}), LocalStack ({@code .../queue/<region>/...})
 * and AWS ({@code https://sqs.<region>.amazonaws.com/<account>/<name>}) each have their own.
 */
public final class QueueUrls implements Function<String, String> {
    private final SqsClient sqs;
    private final Map<String, String> known = new ConcurrentHashMap<>();

    public QueueUrls(SqsClient sqs) {
        this.sqs = sqs;
    }

    /** With its own SQS client on the SQS endpoint (for tools that need no other client). */
    public static QueueUrls ofEndpoint() {
        return new QueueUrls(
                io.eventflow.aws.AwsClients.configure(SqsClient.builder()).build());
    }

    /** What a CreateQueue answered. */
    public void remember(String name, String url) {
        known.put(name, url);
    }

    @Override
    public String apply(String name) {
        return known.computeIfAbsent(
                name, n -> sqs.getQueueUrl(b -> b.queueName(n)).queueUrl());
    }
}
