package io.eventflow.runtime;

import io.eventflow.runtime.invoke.FunctionContainer;
import io.eventflow.runtime.invoke.InvocationResult;
import io.eventflow.runtime.template.Model;
import io.eventflow.runtime.template.TemplateException;
import io.eventflow.runtime.testfns.SqsFunction;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FunctionContainerTest {
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logs, true);

    private static Model.Function fn(String handler, int timeout, Map<String, String> env) {
        return new Model.Function("TestFunction", "test-fn", "arn:aws:lambda:us-east-1:123456789012:function:test-fn",
                handler, timeout, 128, env, List.of());
    }

    @Test
    void sqsEventGoesThroughTheLambdaSerializersAndEnvironmentIsVisibleAtInit() {
        var c = new FunctionContainer(fn("io.eventflow.runtime.testfns.SqsFunction::handleRequest", 3,
                Map.of("MODE", "unit", "WORK_TABLE", "t1")), Map.of("MODE", "override"), log);
        InvocationResult r = c.invoke("""
                {"Records":[{"messageId":"a","receiptHandle":"h","body":"fail-1","attributes":{"ApproximateReceiveCount":"1"},
                "messageAttributes":{},"md5OfBody":"x","eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-1:1:q",
                "awsRegion":"us-east-1","unknownField":true}]}""");
        assertThat(r).isInstanceOf(InvocationResult.Success.class);
        assertThat(((InvocationResult.Success) r).payload()).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"a\"}]}");
        assertThat(SqsFunction.MODES).contains("override/t1");
        assertThat(logs.toString()).contains("START RequestId").contains("REPORT RequestId");
        c.close();
    }

    @Test
    void handlerExceptionIsAFunctionError() {
        var c = new FunctionContainer(fn("io.eventflow.runtime.testfns.SqsFunction", 3, Map.of()), Map.of(), log);
        var r = c.invoke("{\"Records\":[{\"messageId\":\"a\",\"body\":\"throw\",\"attributes\":{}}]}");
        assertThat(r).isInstanceOfSatisfying(InvocationResult.Failure.class, f -> {
            assertThat(f.errorType()).isEqualTo("java.lang.IllegalStateException");
            assertThat(f.errorJson()).isEqualTo("{\"errorMessage\":\"asked to throw\",\"errorType\":\"java.lang.IllegalStateException\"}");
        });
        c.close();
    }

    @Test
    void pojoMethodHandlerAndTimeout() {
        var c = new FunctionContainer(fn("io.eventflow.runtime.testfns.SlowFunction::handle", 1, Map.of()), Map.of(), log);
        var ok = c.invoke("{\"sleepMs\":10,\"name\":\"x\",\"extra\":1}");
        assertThat(ok).isInstanceOfSatisfying(InvocationResult.Success.class, s -> assertThat(s.payload()).contains("\"hello\":\"x\""));
        var slow = c.invoke("{\"sleepMs\":5000,\"name\":\"y\"}");
        assertThat(slow).isInstanceOfSatisfying(InvocationResult.Failure.class, f -> {
            assertThat(f.timedOut()).isTrue();
            assertThat(f.errorMessage()).contains("Task timed out after 1.00 seconds");
        });
        assertThat(slow.durationMs()).isLessThan(3000);
        c.close();
    }

    @Test
    void missingHandlerClassNamesTheFunction() {
        assertThatThrownBy(() -> new FunctionContainer(fn("no.such.Handler::handleRequest", 3, Map.of()), Map.of(), log))
                .isInstanceOf(TemplateException.class).hasMessageContaining("TestFunction").hasMessageContaining("no.such.Handler");
    }
}
