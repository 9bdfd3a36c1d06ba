package io.eventflow.load;

import io.eventflow.runtime.cli.ExitCode;
import io.eventflow.runtime.cli.UserError;
import io.eventflow.store.DynamoDbEventStore;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A deployed stack named with --stack: the API URL from its {@code ApiUrl} output; requests signed with SigV4
 * (service execute-api) when its {@code ApiAuth} parameter is IAM, the template's default; its event store and
 * queues read with the caller's credentials. The orders ask for SKUs of the stack's own catalog (--sku,
 * --empty-sku): a run never writes stock into a deployed table.
 */
final class StackTarget extends Target {
    private static final Set<String> UNSIGNED = Set.of("host", "content-length");
    private final boolean iam;
    private final Region region;
    private final AwsCredentials credentials;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final DynamoDbEventStore store;
    private final Map<String, String> queues;

    /** What the stack says of itself: its outputs, parameters and resources. */
    private record Described(URI api, boolean iam, String eventStoreTable, Map<String, String> queues, Region region) {}

    private StackTarget(String name, Described d, Mix.Catalog catalog) {
        super(
                "stack",
                d.api(),
                catalog,
                "stack " + name + " in " + d.region() + " at " + d.api()
                        + (d.iam() ? " (SigV4, ApiAuth=IAM)" : " (ApiAuth=NONE)"));
        this.iam = d.iam();
        this.region = d.region();
        this.queues = d.queues();
        this.credentials = credentials();
        this.dynamo = DynamoDbClient.builder().region(region).build();
        this.sqs = SqsClient.builder().region(region).build();
        this.store = d.eventStoreTable() == null ? null : new DynamoDbEventStore(dynamo, d.eventStoreTable());
    }

    static StackTarget of(String name, String regionName, Mix.Catalog catalog) {
        Region region = regionName != null ? Region.of(regionName) : region();
        try (CloudFormationClient cfn =
                CloudFormationClient.builder().region(region).build()) {
            Stack stack = cfn.describeStacks(b -> b.stackName(name)).stacks().get(0);
            String url = stack.outputs().stream()
                    .filter(o -> "ApiUrl".equals(o.outputKey()))
                    .map(o -> o.outputValue())
                    .findFirst()
                    .orElseThrow(() ->
                            UserError.input("stack " + name + " has no ApiUrl output: is it an eventflow stack?"));
            boolean iam = stack.parameters().stream()
                    .filter(p -> "ApiAuth".equals(p.parameterKey()))
                    .map(p -> "IAM".equals(p.parameterValue()))
                    .findFirst()
                    .orElse(true);
            String table = null;
            Map<String, String> queues = new LinkedHashMap<>();
            for (StackResourceSummary r :
                    cfn.listStackResourcesPaginator(b -> b.stackName(name)).stackResourceSummaries()) {
                if ("EventStoreTable".equals(r.logicalResourceId())) {
                    table = r.physicalResourceId();
                } else if ("AWS::SQS::Queue".equals(r.resourceType())) {
                    queues.put(r.logicalResourceId(), r.physicalResourceId());
                }
            }
            return new StackTarget(name, new Described(URI.create(url), iam, table, queues, region), catalog);
        } catch (CloudFormationException e) {
            throw new UserError(
                    ExitCode.INPUT,
                    "stack " + name + " in " + region + ": "
                            + e.awsErrorDetails().errorMessage(),
                    e);
        } catch (SdkException e) {
            throw UserError.environment("cannot read stack " + name + " in " + region + ": " + e.getMessage());
        }
    }

    private static Region region() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkException e) {
            throw new UserError(ExitCode.USAGE, "--stack needs a region: pass --region, or set AWS_REGION");
        }
    }

    private static AwsCredentials credentials() {
        try (DefaultCredentialsProvider p = DefaultCredentialsProvider.builder().build()) {
            return p.resolveCredentials();
        } catch (SdkException e) {
            throw UserError.environment("--stack needs AWS credentials: " + e.getMessage());
        }
    }

    @Override
    HttpRequest order(String body, String key, Duration timeout) {
        HttpRequest.Builder b = base(key, timeout);
        if (iam) {
            HttpRequest plain =
                    b.copy().POST(HttpRequest.BodyPublishers.noBody()).build();
            SdkHttpRequest.Builder unsigned =
                    SdkHttpRequest.builder().uri(plain.uri()).method(SdkHttpMethod.POST);
            plain.headers().map().forEach(unsigned::putHeader);
            SdkHttpRequest signed = AwsV4HttpSigner.create()
                    .sign(r -> r.identity(credentials)
                            .request(unsigned.build())
                            .payload(ContentStreamProvider.fromUtf8String(body))
                            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                            .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()))
                    .request();
            signed.headers().forEach((header, values) -> {
                if (!UNSIGNED.contains(header.toLowerCase(java.util.Locale.ROOT))
                        && plain.headers().firstValue(header).isEmpty()) {
                    values.forEach(v -> b.header(header, v));
                }
            });
        }
        return b.POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Override
    DynamoDbEventStore store() {
        return store;
    }

    @Override
    Map<String, String> queues() {
        return queues;
    }

    @Override
    SqsClient sqs() {
        return sqs;
    }

    @Override
    public void close() {
        dynamo.close();
        sqs.close();
    }
}
