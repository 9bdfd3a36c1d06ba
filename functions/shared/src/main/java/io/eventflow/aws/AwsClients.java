package io.eventflow.aws;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SDK clients for a Lambda container: built once, with the region and credentials read from the
 * environment (no provider-chain probing of files or IMDS), and the URLConnection HTTP client (no Apache
 * or Netty on the classpath). Endpoints are left to the SDK, which honours {@code AWS_ENDPOINT_URL} and
 * {@code AWS_ENDPOINT_URL_<SERVICE>} (and the {@code aws.endpointUrl} system properties), so the same code
 * talks to AWS, LocalStack, Floci or moto.
 *
 * <p>Every call is bounded ({@link Deadlines}): one attempt (connect + request + response) at most
 * {@link #API_CALL_ATTEMPT_TIMEOUT}, the call with the SDK's retries at most {@link #API_CALL_TIMEOUT}. A hung
 * connection fails as a retryable error the handler reports, instead of the function timing out and failing
 * its whole batch.
 */
public final class AwsClients {
    /** {@link Deadlines#API_CALL_ATTEMPT_TIMEOUT}. */
    public static final Duration API_CALL_ATTEMPT_TIMEOUT = Deadlines.API_CALL_ATTEMPT_TIMEOUT;
    /** {@link Deadlines#API_CALL_TIMEOUT}. */
    public static final Duration API_CALL_TIMEOUT = Deadlines.API_CALL_TIMEOUT;

    private static final SdkHttpClient HTTP = UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(2))
            .socketTimeout(API_CALL_ATTEMPT_TIMEOUT)
            .build();
    private static final ClientOverrideConfiguration TIMEOUTS = ClientOverrideConfiguration.builder()
            .apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT)
            .apiCallTimeout(API_CALL_TIMEOUT)
            .build();
    // Environment first (Lambda); then the container endpoint, which is where a SnapStart function gets its
    // credentials (Lambda sets AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN instead of
    // the key variables: docs.aws.amazon.com/lambda/latest/dg/snapstart-activate.html#snapstart-credentials);
    // system properties let an in-process runtime or a test JVM supply them. Resolved per request by the SDK, so a
    // restored snapshot never signs with credentials of the environment it was taken in (priming signs with none).
    private static final AwsCredentialsProvider CREDENTIALS = AwsCredentialsProviderChain.of(
            EnvironmentVariableCredentialsProvider.create(),
            ContainerCredentialsProvider.builder().build(),
            SystemPropertyCredentialsProvider.create());

    private static volatile DynamoDbClient dynamo;

    private AwsClients() {}

    /** Applies the project's client settings to any service's builder. */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder) {
        return builder.region(region())
                .credentialsProvider(CREDENTIALS)
                .httpClient(HTTP)
                .overrideConfiguration(TIMEOUTS);
    }

    public static Region region() {
        String region = SdkSystemSetting.AWS_REGION
                .getStringValue()
                .orElseThrow(() -> new IllegalStateException(
                        "AWS_REGION is not set (Lambda sets it; locally export AWS_REGION=us-east-1)"));
        return Region.of(region);
    }

    public static DynamoDbClient dynamo() {
        DynamoDbClient c = dynamo;
        if (c == null) {
            synchronized (AwsClients.class) {
                if (dynamo == null) {
                    dynamo = configure(DynamoDbClient.builder()).build();
                }
                c = dynamo;
            }
        }
        return c;
    }

    /** A required setting from the function's environment ({@link Environment}), named in the error. */
    public static String env(String name) {
        return Environment.require(name);
    }
}
