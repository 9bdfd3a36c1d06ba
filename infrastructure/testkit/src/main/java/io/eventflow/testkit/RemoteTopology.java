package io.eventflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.Emulator;
import io.eventflow.emulator.Endpoints;
import io.eventflow.emulator.RepoRoot;
import io.eventflow.emulator.Template;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventJson;
import io.eventflow.events.Ids;
import io.eventflow.notification.Notification;
import io.eventflow.runtime.CallerAccount;
import io.eventflow.runtime.Clients;
import io.eventflow.runtime.ops.StateDir;
import io.eventflow.runtime.trace.OrderTimeline;
import io.eventflow.runtime.trace.OrderTrace;
import io.eventflow.store.DynamoDbEventStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A topology that runs in another process: a running {@code ./eventflow up} (its engine endpoints from the
 * checkout's .eventflow/runtime.json, its deliveries from the invocation record it writes), or a deployed stack
 * (names from CloudFormation, the default credentials chain, the API SigV4-signed). Nothing stands between its
 * functions and AWS here, so faults are refused. The emails and SMS an order caused are the ones its senders
 * completed: {@code email-sender#<notification>} / {@code sms-sender#<notification>} records of IdempotencyTable
 * (a send skipped, e.g. for a number outside the allowed countries, is not counted).
 */
record RemoteTopology(
        String describe,
        Resources resources,
        DynamoDbClient dynamo,
        SqsClient sqs,
        Api api,
        Faults faults,
        OrderTimeline timeline)
        implements Topology {
    /** The running `up` of the checkout whose state is in {@code stateDir} (its .eventflow/), serving {@code api}. */
    static RemoteTopology attachUp(URI apiUrl, Path stateDir) {
        StateDir state = new StateDir(stateDir);
        StateDir.Running running = state.running()
                .orElseThrow(() -> new IllegalStateException("no running `./eventflow up` in " + stateDir
                        + " (its runtime.json names the running one): start it, or pick another target"));
        if (!running.isApi(apiUrl)) {
            throw new IllegalStateException(
                    "the running `up` (pid " + running.pid() + ") serves " + running.api() + ", not " + apiUrl);
        }
        Emulator.defaultCredentials();
        Endpoints.fromEnvironment(state.runningEndpoints()).apply();
        Clients clients = new Clients();
        Template template = Template.load(
                RepoRoot.find().resolve("template.yaml"),
                parameters(state.runtimeFile()),
                CallerAccount.discover(),
                clients.queueUrls);
        return new RemoteTopology(
                "up:" + apiUrl + ": the running `up` (pid " + running.pid() + ") on " + running.endpoint(),
                new TemplateResources(template, URI.create(running.api())),
                clients.dynamo,
                clients.sqs,
                new Api(URI.create(running.api()), null, null),
                Faults.refused("the running `up` is another process; its SDK clients do not pass through this JVM"),
                new OrderTimeline(clients, template, state));
    }

    /** A deployed stack, read through the CloudFormation API with the default credentials chain and region. */
    static RemoteTopology attachStack(String stackName) {
        DefaultCredentialsProvider credentials =
                DefaultCredentialsProvider.builder().build();
        Region region = new DefaultAwsRegionProviderChain().getRegion();
        StackResources resources;
        try (CloudFormationClient cloudFormation = AwsClients.configure(CloudFormationClient.builder())
                .region(region)
                .credentialsProvider(credentials)
                .build()) {
            resources = StackResources.read(cloudFormation, stackName);
        }
        return new RemoteTopology(
                "stack:" + stackName + " in " + region + ", API " + resources.api(),
                resources,
                AwsClients.configure(DynamoDbClient.builder())
                        .region(region)
                        .credentialsProvider(credentials)
                        .build(),
                AwsClients.configure(SqsClient.builder())
                        .region(region)
                        .credentialsProvider(credentials)
                        .build(),
                new Api(resources.api(), credentials, region),
                Faults.refused(
                        "stack " + stackName + " is deployed; nothing stands between its functions and AWS here"),
                null);
    }

    private static Map<String, String> parameters(Path runtimeFile) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            JsonNode n = EventJson.parse(Files.readString(runtimeFile)).path("parameters");
            n.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
        return api.send(method, path, body, headers);
    }

    @Override
    public int emailsSent(PlacedOrder order) {
        return completedSends(order, "email-sender");
    }

    @Override
    public int smsSent(PlacedOrder order) {
        return completedSends(order, "sms-sender");
    }

    /** The order's notifications (one per stored event) the sender completed with a send. */
    private int completedSends(PlacedOrder order, String sender) {
        String idempotency = resources.table("IdempotencyTable");
        List<EventEnvelope> events = new DynamoDbEventStore(dynamo, resources.table("EventStoreTable"))
                .readStream("Order-" + order.orderId(), 1);
        int sent = 0;
        for (EventEnvelope e : events) {
            String id = sender + "#" + Ids.derived(Notification.CONSUMER, e.eventId(), "notification");
            Map<String, AttributeValue> item = dynamo.getItem(b ->
                            b.tableName(idempotency).consistentRead(true).key(Map.of("id", AttributeValue.fromS(id))))
                    .item();
            if (item != null
                    && item.containsKey("status")
                    && item.get("status").s().equals("COMPLETED")
                    && !(item.containsKey("result") && item.get("result").s().startsWith("skipped"))) {
                sent++;
            }
        }
        return sent;
    }

    @Override
    public Optional<OrderTrace> trace(String orderId) {
        return timeline == null ? Optional.empty() : Optional.of(timeline.trace(orderId));
    }

    @Override
    public List<String> functionLog() {
        throw new UnsupportedOperationException(
                "function logs are collected in-process only; " + describe + " keeps its own");
    }

    @Override
    public String invoke(String functionLogicalId, String payload) {
        throw new UnsupportedOperationException(
                "invoking a function needs the in-process runtime (target local or localstack), not " + describe);
    }

    @Override
    public boolean awaitQuiet(Duration timeout) {
        throw new UnsupportedOperationException(
                "quiescence is known in-process only (target local or localstack), not on " + describe);
    }

    @Override
    public void close() {
        dynamo.close();
        sqs.close();
    }
}
