package io.eventflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.emulator.Emulator;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.MotoOnly;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * `invoke` through the CLI, on an explicit endpoint: stdout carries the response JSON alone (or Lambda's error JSON with exit 1). An
 * integration test: the CLI asks the endpoint for its account (STS) before it builds the function's ARN.
 */
@ExtendWith(EmulatorExtension.class)
@MotoOnly // the CLI's output; FunctionsInvokeIT invokes every function on LocalStack
class CliInvokeIT {
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final Cli cli = new Cli(new PrintStream(stdout, true), new PrintStream(stderr, true));

    private int invoke(Path event, String... extra) throws Exception {
        String[] base = {
            "invoke",
            "SqsFunction",
            "--event",
            event.toString(),
            "--template",
            TestTemplates.path().toString(),
            "--endpoint",
            Emulator.shared().endpoint().toString()
        };
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return cli.run(args);
    }

    @Test
    void responseAloneOnStdout(@TempDir Path dir) throws Exception {
        Path event = dir.resolve("e.json");
        Files.writeString(
                event,
                "{\"Records\":[{\"messageId\":\"m1\",\"body\":\"fail-1\",\"attributes\":{},\"unknown\":1}],\"extra\":true}");
        assertThat(invoke(event, "--env", "MODE=x")).isZero();
        assertThat(stdout.toString().strip()).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"m1\"}]}");
        assertThat(stderr.toString()).contains("REPORT RequestId");
    }

    @Test
    void handlerErrorPrintsLambdaErrorJsonAndFails(@TempDir Path dir) throws Exception {
        Path event = dir.resolve("e.json");
        Files.writeString(event, "{\"Records\":[{\"messageId\":\"m1\",\"body\":\"throw\",\"attributes\":{}}]}");
        assertThat(invoke(event)).isEqualTo(1);
        assertThat(stdout.toString().strip())
                .isEqualTo("{\"errorMessage\":\"asked to throw\",\"errorType\":\"java.lang.IllegalStateException\"}");
    }
}
