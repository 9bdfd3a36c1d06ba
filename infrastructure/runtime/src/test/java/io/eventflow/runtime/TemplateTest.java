package io.eventflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventflow.emulator.Template;
import io.eventflow.emulator.template.Globals;
import io.eventflow.emulator.template.Model;
import io.eventflow.emulator.template.TemplateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private final Template t = TestTemplates.load("x1", "http://127.0.0.1:5000");

    @Test
    void globalsMergeScalarsOverrideMapsMergeListsConcatenate() {
        Map<String, Object> merged = Globals.merge(
                Map.of(
                        "Timeout",
                        5,
                        "Environment",
                        Map.of("Variables", Map.of("A", "1", "B", "2")),
                        "Layers",
                        List.of("g"),
                        "Events",
                        Map.of("X", Map.of())),
                Map.of("Timeout", 9, "Environment", Map.of("Variables", Map.of("B", "3")), "Layers", List.of("l")));
        assertThat(merged)
                .containsEntry("Timeout", 9)
                .containsEntry("Layers", List.of("g", "l"))
                .doesNotContainKey("Events");
        assertThat(merged.get("Environment")).isEqualTo(Map.of("Variables", Map.of("A", "1", "B", "3")));
    }

    @Test
    void functionsGetGlobalsAndResolvedEnvironment() {
        Model.Function sqs = t.function("SqsFunction");
        assertThat(sqs.handler()).isEqualTo("io.eventflow.runtime.testfns.SqsFunction::handleRequest");
        assertThat(sqs.timeoutSeconds()).isEqualTo(5);
        assertThat(sqs.memoryMb()).isEqualTo(256);
        assertThat(sqs.environment())
                .containsEntry("WORK_TABLE", "rt-work-x1")
                .containsEntry("MODE", "sqs")
                .containsEntry("METRICS_NAMESPACE", "test");
        assertThat(sqs.events())
                .singleElement()
                .isEqualTo(new Model.SqsSource(
                        "Work", "arn:aws:sqs:us-east-1:123456789012:rt-work-x1", 5, 0, true, true, List.of()));
        Model.Function stream = t.function("StreamFunction");
        assertThat(stream.timeoutSeconds()).isEqualTo(3);
        assertThat(stream.events())
                .singleElement()
                .isEqualTo(new Model.StreamSource(
                        "Changes",
                        "arn:aws:dynamodb:us-east-1:123456789012:table/rt-work-x1/stream/local",
                        "TRIM_HORIZON",
                        4,
                        0,
                        true,
                        1,
                        -1,
                        false,
                        "arn:aws:sqs:us-east-1:123456789012:rt-stream-failures-x1",
                        true));
        assertThat(t.function("HttpFunction").events())
                .extracting(e -> ((Model.HttpRoute) e).routeKey())
                .containsExactlyInAnyOrder("GET /items/{itemId}", "POST /items", "GET /signed/{itemId}");
        assertThat(t.function("HttpFunction").events())
                .extracting(e -> ((Model.HttpRoute) e).iamAuth())
                .containsExactlyInAnyOrder(false, false, true);
    }

    @Test
    void queuesTopicsSubscriptionsRules() {
        Model.Queue work = t.queues().stream()
                .filter(q -> q.logicalId().equals("WorkQueue"))
                .findFirst()
                .orElseThrow();
        assertThat(t.queueUrl(work)).isEqualTo("http://127.0.0.1:5000/123456789012/rt-work-x1");
        assertThat(work.redriveTargetArn()).isEqualTo("arn:aws:sqs:us-east-1:123456789012:rt-work-dlq-x1");
        assertThat(work.maxReceiveCount()).isEqualTo(2);
        assertThat(work.visibilityTimeout()).isEqualTo(30);
        assertThat(t.subscriptions())
                .extracting(Model.Subscription::topicArn)
                .containsOnly("arn:aws:sns:us-east-1:123456789012:rt-topic-x1");
        Model.Subscription shipped = t.subscriptions().stream()
                .filter(s -> s.logicalId().equals("ShippedSubscription"))
                .findFirst()
                .orElseThrow();
        assertThat(shipped.rawMessageDelivery()).isTrue();
        assertThat(shipped.filterPolicy()).isEqualTo("{\"eventType\":[\"ShipmentScheduled\"]}");
        Model.Rule rule = t.rules().get(0);
        assertThat(rule.busName()).isEqualTo("rt-bus-x1");
        assertThat(rule.name()).isEqualTo("eventflow-PlacedRule");
        assertThat(rule.pattern())
                .isEqualTo("{\"source\":[{\"prefix\":\"eventflow.\"}],\"detail-type\":[\"OrderPlaced\"]}");
        assertThat(rule.targets()).singleElement().satisfies(tg -> {
            assertThat(tg.arn()).isEqualTo("arn:aws:sqs:us-east-1:123456789012:rt-ruled-x1");
            assertThat(tg.dlqArn()).endsWith(":rt-work-dlq-x1");
            assertThat(tg.maximumRetryAttempts()).isEqualTo(3);
        });
    }

    @Test
    void errorsNameTheLogicalId(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> t.function("Nope"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Nope");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                Resources:
                  F:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: x.Y
                      Environment:
                        Variables:
                          T: !Ref Missing
                      Events:
                        S:
                          Type: Schedule
                          Properties: {Schedule: rate(1 minute)}
                """);
        Template b = Template.load(bad, Map.of(), TestTemplates.ACCOUNT, TestTemplates.urls("http://h"));
        assertThatThrownBy(() -> b.function("F"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("F.Environment")
                .hasMessageContaining("Missing");
    }

    @Test
    void subJoinSelectAndPseudoParameters(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path p = dir.resolve("t.yaml");
        Files.writeString(p, """
                Parameters:
                  Stage: {Type: String, Default: dev}
                Resources:
                  Q:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !Join ['-', [q, !Ref Stage, !Select [1, [a, b]]]]
                  F:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: x.Y
                      Environment:
                        Variables:
                          A: !Sub '${AWS::Region}/${AWS::AccountId}/${Stage}/${Q.QueueName}/${!Literal}'
                          U: !Ref Q
                          N: !GetAtt Q.QueueName
                """);
        Template a = Template.load(
                p,
                Map.of(),
                new io.eventflow.emulator.template.Account("aws", "eu-west-1", "123456789012"),
                TestTemplates.urls("http://h:1"));
        assertThat(a.function("F").environment())
                .containsEntry("A", "eu-west-1/123456789012/dev/q-dev-b/${Literal}")
                .containsEntry("U", "http://h:1/123456789012/q-dev-b")
                .containsEntry("N", "q-dev-b");
    }
}
