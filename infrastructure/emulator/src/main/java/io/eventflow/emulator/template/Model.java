package io.eventflow.emulator.template;

import java.util.List;
import java.util.Map;

/** The parts of template.yaml the local runtime provisions and runs, with physical names resolved. */
public final class Model {
    private Model() {}

    public record Table(String logicalId, String name) {}

    /**
     * An AWS::DynamoDB::Table's keys and options as written: what CreateTable and UpdateTimeToLive are given.
     * @param attributeTypes AttributeDefinitions: name to S, N or B
     * @param streamViewType StreamSpecification.StreamViewType, null without a stream
     * @param ttlAttribute   TimeToLiveSpecification.AttributeName when enabled, else null
     */
    public record TableSchema(
            Map<String, String> attributeTypes,
            List<Key> keys,
            List<Index> indexes,
            String streamViewType,
            String ttlAttribute) {
        /** The key's attribute names, partition key first. */
        public List<String> keyNames() {
            return Key.names(keys);
        }
    }

    /** @param keyType HASH or RANGE */
    public record Key(String attributeName, String keyType) {
        static List<String> names(List<Key> keys) {
            return java.util.stream.Stream.concat(
                            keys.stream().filter(k -> k.keyType().equals("HASH")),
                            keys.stream().filter(k -> k.keyType().equals("RANGE")))
                    .map(Key::attributeName)
                    .toList();
        }
    }

    /** A global secondary index. */
    public record Index(String name, List<Key> keys, String projectionType) {
        public List<String> keyNames() {
            return Key.names(keys);
        }
    }

    /** @param redriveTargetArn null without a RedrivePolicy; the URL is the endpoint's ({@code Template.queueUrl}) */
    public record Queue(
            String logicalId,
            String name,
            String arn,
            int visibilityTimeout,
            int retentionSeconds,
            boolean fifo,
            String redriveTargetArn,
            int maxReceiveCount) {}

    public record Topic(String logicalId, String name, String arn) {}

    /** @param filterPolicy JSON text or null */
    public record Subscription(
            String logicalId,
            String topicArn,
            String protocol,
            String endpoint,
            String filterPolicy,
            String filterPolicyScope,
            boolean rawMessageDelivery,
            String redriveTargetArn) {}

    public record Bus(String logicalId, String name) {}

    /** @param pattern the EventPattern as JSON text */
    public record Rule(
            String logicalId, String name, String busName, String pattern, boolean enabled, List<Target> targets) {}

    /** @param dlqArn DeadLetterConfig.Arn or null */
    public record Target(
            String id,
            String arn,
            String dlqArn,
            Integer maximumRetryAttempts,
            Integer maximumEventAgeInSeconds,
            String inputPath,
            String input) {}

    public record Function(
            String logicalId,
            String name,
            String arn,
            String handler,
            int timeoutSeconds,
            int memoryMb,
            Map<String, String> environment,
            List<EventSource> events) {}

    public sealed interface EventSource permits SqsSource, StreamSource, HttpRoute, RuleSource {
        String name();
    }

    /** @param filterPatterns FilterCriteria.Filters[].Pattern as JSON text */
    public record SqsSource(
            String name,
            String queueArn,
            int batchSize,
            int batchingWindowSeconds,
            boolean reportBatchItemFailures,
            boolean enabled,
            List<String> filterPatterns)
            implements EventSource {}

    /** @param onFailureArn DestinationConfig.OnFailure.Destination or null; maximumRetryAttempts -1 = infinite */
    public record StreamSource(
            String name,
            String streamArn,
            String startingPosition,
            int batchSize,
            int batchingWindowSeconds,
            boolean bisectOnError,
            int maximumRetryAttempts,
            int maximumRecordAgeSeconds,
            boolean reportBatchItemFailures,
            String onFailureArn,
            boolean enabled)
            implements EventSource {}

    /** @param method upper case or ANY; path like /orders/{orderId} or $default */
    /** @param iamAuth the route has API Gateway's AWS_IAM authorizer (callers sign with SigV4) */
    public record HttpRoute(String name, String method, String path, boolean iamAuth) implements EventSource {
        public HttpRoute(String name, String method, String path) {
            this(name, method, path, false);
        }

        public String routeKey() {
            return path.equals("$default") ? "$default" : method + " " + path;
        }
    }

    /** An EventBridgeRule event: the rule targets the function (asynchronous invocation). */
    public record RuleSource(String name, String busName, String pattern, String ruleName) implements EventSource {}
}
