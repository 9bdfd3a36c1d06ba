package io.eventflow.testkit;

import static io.eventflow.order.OrderStatus.SHIPPED;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.Emulator;
import io.eventflow.emulator.Endpoints;
import io.eventflow.emulator.Template;
import io.eventflow.events.EventJson;
import io.eventflow.runtime.ops.StateDir;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.AlreadyExistsException;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/**
 * The two targets that run elsewhere, with the in-process runtime standing in for them (nothing here reaches AWS):
 * a running {@code up}, attached by its API URL through the runtime.json an {@code up} writes; and a deployed stack,
 * read through the CloudFormation API from a stack created on the engine's moto (in both engine passes) whose
 * outputs are template.yaml's output keys with the in-process runtime's names. What the stand-in does not show: the
 * names a real deployment generates, and API Gateway checking the SigV4 signature (the local API does not check it).
 */
@EventflowTest
class RemoteTargetsIT {
    /** The SDK's per-service endpoint property (as AWS_ENDPOINT_URL_CLOUDFORMATION in the environment). */
    private static final String CLOUDFORMATION_ENDPOINT = "aws.endpointUrlCloudFormation";

    @Test
    void attachesToARunningUpByItsApiUrl(Flow local) {
        URI api = local.resources().api();
        Endpoints proxied = Endpoints.current().orElseThrow();
        StateDir state = new StateDir(InProcessTopology.stateRoot());
        Endpoints engine = Emulator.shared().endpoints();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("endpoint", engine.defaultUrl().toString());
        info.put("endpoints", engine.environment());
        info.put("port", api.getPort());
        info.put("api", api.toString());
        info.put("runId", "testkit");
        info.put("parameters", Map.of());
        info.put("control", Map.of("port", 0, "token", "none"));
        state.writeRuntime(info);
        try (Topology up = RemoteTopology.attachUp(api, state.root())) {
            proxied.apply(); // the in-process runtime's functions keep going through its proxy
            Flow flow = new Flow(up);
            var order = flow.placeOrder(Orders.sample());
            flow.await(order).reaches(SHIPPED).within(ofSeconds(60));
            flow.await(order).emailsSent(2).within(ofSeconds(30));
            flow.await(order).smsSent(1).within(ofSeconds(30));
            assertThat(flow.timeline(order)).contains("deliveries:").contains("ShippingFunction");
            assertThatThrownBy(() -> flow.inject().duplicates())
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("the running `up` is another process");
            assertThatThrownBy(() -> RemoteTopology.attachUp(URI.create("http://127.0.0.1:1"), state.root()))
                    .hasMessageContaining("serves " + api + ", not http://127.0.0.1:1");
        } finally {
            state.clearRuntime();
            proxied.apply();
        }
    }

    @Test
    void readsADeployedStacksNamesFromItsCloudFormationOutputs(Flow local) {
        Template template = ((TemplateResources) local.resources()).template();
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("ApiUrl", Map.of("Value", local.resources().api() + "/"));
        outputs.put("EventBusName", Map.of("Value", local.resources().busName()));
        template.tables().forEach(t -> outputs.put(t.logicalId() + "Name", Map.of("Value", t.name())));
        template.queues().forEach(q -> outputs.put(q.logicalId() + "Url", Map.of("Value", template.queueUrl(q))));
        String name = "eventflow-qa-" + UUID.randomUUID().toString().substring(0, 8);
        String body = EventJson.write(Map.of(
                "Resources",
                Map.of("Placeholder", Map.of("Type", "AWS::SNS::Topic", "Properties", Map.of("TopicName", name))),
                "Outputs",
                outputs));
        // CloudFormation on the engine's moto (the one that serves DynamoDB; LocalStack's engine here serves messaging
        // only), set the way a user points the SDK at an endpoint per service.
        System.setProperty(
                CLOUDFORMATION_ENDPOINT,
                Emulator.shared().endpoints().of(Endpoints.Service.DYNAMODB).toString());
        try (CloudFormationClient cloudFormation = AwsClients.configure(CloudFormationClient.builder())
                // creating a stack on the engine can take longer than the project's 4 s per attempt
                .overrideConfiguration(
                        o -> o.apiCallAttemptTimeout(ofSeconds(30)).apiCallTimeout(ofSeconds(60)))
                .build()) {
            try {
                cloudFormation.createStack(b -> b.stackName(name).templateBody(body));
            } catch (AlreadyExistsException retried) {
                // the name is this test's own: the SDK retried a first attempt that the engine had taken
            }
            Awaitility.await("stack " + name + " created")
                    .atMost(ofSeconds(60))
                    .until(() -> cloudFormation
                            .describeStacks(b -> b.stackName(name))
                            .stacks()
                            .get(0)
                            .stackStatus()
                            .equals(StackStatus.CREATE_COMPLETE));
            try (Topology stack = RemoteTopology.attachStack(name)) {
                Flow flow = new Flow(stack);
                assertThat(flow.resources().table("OrderViewTable"))
                        .isEqualTo(local.resources().table("OrderViewTable"));
                var order = flow.placeOrder(Orders.sample());
                flow.await(order).reaches(SHIPPED).within(ofSeconds(60));
                flow.await(order).emailsSent(2).within(ofSeconds(30));
                flow.await(order).smsSent(1).within(ofSeconds(30));
                assertThatThrownBy(() -> flow.inject().outage(ofSeconds(1)))
                        .hasMessageContaining("stack " + name + " is deployed");
                assertThat(flow.timeline(order))
                        .contains("records no deliveries")
                        .contains("read model SHIPPED");
            } finally {
                cloudFormation.deleteStack(b -> b.stackName(name));
            }
        } finally {
            System.clearProperty(CLOUDFORMATION_ENDPOINT);
        }
    }
}
