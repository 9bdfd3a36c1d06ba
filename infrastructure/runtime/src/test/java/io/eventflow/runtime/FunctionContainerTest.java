package io.eventflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eventflow.emulator.template.Model;
import io.eventflow.emulator.template.TemplateException;
import io.eventflow.runtime.invoke.FunctionCode;
import io.eventflow.runtime.invoke.FunctionContainer;
import io.eventflow.runtime.invoke.InvocationResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FunctionContainerTest {
    private final Recorded log = Recorded.log();

    private static Model.Function fn(String id, String handler, int timeout, Map<String, String> env) {
        return new Model.Function(
                id,
                "test-" + id,
                "arn:aws:lambda:us-east-1:123456789012:function:test-" + id,
                handler,
                timeout,
                128,
                env,
                List.of());
    }

    private static Model.Function fn(String handler, int timeout, Map<String, String> env) {
        return fn("TestFunction", handler, timeout, env);
    }

    private FunctionContainer container(Model.Function f, Map<String, String> overrides) {
        return new FunctionContainer(f, FunctionCode.ofThisJvm(), overrides, log);
    }

    @Test
    void sqsEventGoesThroughTheLambdaSerializersAndEnvironmentIsVisibleAtInit() {
        var c = container(
                fn(
                        "io.eventflow.runtime.testfns.SqsFunction::handleRequest",
                        3,
                        Map.of("MODE", "unit", "WORK_TABLE", "t1")),
                Map.of("MODE", "override"));
        InvocationResult r = c.invoke("""
                {"Records":[{"messageId":"a","receiptHandle":"h","body":"fail-1","attributes":{"ApproximateReceiveCount":"1"},
                "messageAttributes":{},"md5OfBody":"x","eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-1:1:q",
                "awsRegion":"us-east-1","unknownField":true}]}""");
        assertThat(r).isInstanceOf(InvocationResult.Success.class);
        assertThat(((InvocationResult.Success) r).payload())
                .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"a\"}]}");
        // read through io.eventflow.aws.Environment; the JVM's own System.getenv knows nothing of MODE
        assertThat(log.after("mode:")).containsExactly("override/t1/null");
        assertThat(log.lines())
                .anyMatch(l -> l.startsWith("START RequestId"))
                .anyMatch(l -> l.startsWith("REPORT RequestId"));
        c.close();
    }

    @Test
    void twoFunctionsGiveOneVariableDifferentValuesAndEachSeesItsOwn() {
        var a = container(
                fn("A", "io.eventflow.runtime.testfns.SqsFunction", 3, Map.of("MODE", "a", "WORK_TABLE", "ta")),
                Map.of());
        var b = container(
                fn("B", "io.eventflow.runtime.testfns.SqsFunction", 3, Map.of("MODE", "b", "WORK_TABLE", "tb")),
                Map.of());
        a.init();
        b.init();
        a.init();
        assertThat(log.after("mode:")).containsExactly("a/ta/null", "b/tb/null");
        assertThat(a.environment())
                .containsEntry("MODE", "a")
                .containsEntry("AWS_LAMBDA_FUNCTION_NAME", "test-A")
                .doesNotContainKey("PATH");
        a.close();
        b.close();
    }

    @Test
    void everyFunctionHasItsOwnStatics() {
        var a = container(
                fn("A", "io.eventflow.runtime.testfns.LateWriterFunction::handleRequest", 3, Map.of()), Map.of());
        var b = container(
                fn("B", "io.eventflow.runtime.testfns.LateWriterFunction::handleRequest", 3, Map.of()), Map.of());
        assertThat(a.invoke("{}")).isInstanceOf(InvocationResult.Success.class);
        assertThat(b.invoke("{}")).isInstanceOf(InvocationResult.Success.class);
        assertThat(a.invoke("{}")).isInstanceOf(InvocationResult.Success.class);
        // same class, two classloaders: each counts its own instances
        assertThat(log.after("init:")).containsExactly("1", "1");
        assertThat(log.after("handled:")).containsExactly("1", "1", "1");
        a.close();
        b.close();
    }

    @Test
    void aTimedOutInvocationIsCutOffAndTheNextInvokeGetsAFreshEnvironment() {
        var c = container(fn("io.eventflow.runtime.testfns.LateWriterFunction::handleRequest", 1, Map.of()), Map.of());
        String done = "eventflow.test.late-writes-over." + UUID.randomUUID();
        // The handler would answer after 4 s; cut off at its 1 s timeout, the invoke is a timeout, not its answer.
        var slow = c.invoke(Json.write(Map.of("sleepMs", 4000, "doneProperty", done)));
        assertThat(slow).isInstanceOfSatisfying(InvocationResult.Failure.class, f -> {
            assertThat(f.timedOut()).isTrue();
            assertThat(f.errorType()).isEqualTo("Sandbox.Timedout");
            assertThat(f.errorMessage()).contains("Task timed out after 1.00 seconds");
        });
        // the old thread wakes up (interrupted, or after its 4 s), writes, then says so: none of it may reach the log
        await("the timed-out handler's late writes")
                .atMost(Duration.ofSeconds(60))
                .until(() -> System.getProperty(done) != null);
        System.clearProperty(done);
        assertThat(log.lines()).noneMatch(l -> l.startsWith("late"));
        var next = c.invoke("{}");
        assertThat(next).isInstanceOf(InvocationResult.Success.class);
        // a new classloader: the handler class is initialised again, its counter starts over
        assertThat(log.after("init:")).containsExactly("1", "1");
        assertThat(log.lines()).noneMatch(l -> l.startsWith("late"));
        c.close();
    }

    @Test
    void handlerExceptionIsAFunctionError() {
        var c = container(fn("io.eventflow.runtime.testfns.SqsFunction", 3, Map.of()), Map.of());
        var r = c.invoke("{\"Records\":[{\"messageId\":\"a\",\"body\":\"throw\",\"attributes\":{}}]}");
        assertThat(r).isInstanceOfSatisfying(InvocationResult.Failure.class, f -> {
            assertThat(f.errorType()).isEqualTo("java.lang.IllegalStateException");
            assertThat(f.errorJson())
                    .isEqualTo(
                            "{\"errorMessage\":\"asked to throw\",\"errorType\":\"java.lang.IllegalStateException\"}");
        });
        c.close();
    }

    @Test
    void pojoMethodHandlerAndTimeout() {
        var c = container(fn("io.eventflow.runtime.testfns.SlowFunction::handle", 1, Map.of()), Map.of());
        var ok = c.invoke("{\"sleepMs\":10,\"name\":\"x\",\"extra\":1}");
        assertThat(ok)
                .isInstanceOfSatisfying(
                        InvocationResult.Success.class,
                        s -> assertThat(s.payload()).contains("\"hello\":\"x\""));
        // the handler would answer after 5 s: a timeout result means the invoke did not wait for it
        var slow = c.invoke("{\"sleepMs\":5000,\"name\":\"y\"}");
        assertThat(slow).isInstanceOfSatisfying(InvocationResult.Failure.class, f -> {
            assertThat(f.timedOut()).isTrue();
            assertThat(f.errorMessage()).contains("Task timed out after 1.00 seconds");
        });
        c.close();
    }

    @Test
    void missingHandlerClassNamesTheFunction() {
        assertThatThrownBy(() -> container(fn("no.such.Handler::handleRequest", 3, Map.of()), Map.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("TestFunction")
                .hasMessageContaining("no.such.Handler");
    }
}
