package io.eventflow.runtime.cli;

import io.eventflow.emulator.Emulator;
import picocli.CommandLine.Option;

/**
 * {@code --emulator ENGINE}: the engine started for this run when no endpoint is given (no --endpoint, no
 * AWS_ENDPOINT_URL): moto (every service), or localstack (LocalStack on the host for SQS/SNS/EventBridge/SES/STS,
 * moto for DynamoDB). Default: EVENTFLOW_EMULATOR, else moto.
 */
public final class EngineOptions {
    @Option(
            names = "--emulator",
            paramLabel = "ENGINE",
            description = "the engine started when no endpoint is given: moto or localstack"
                    + " (default: EVENTFLOW_EMULATOR, else moto)")
    String emulator;

    /** Selects the engine for this JVM (Emulator.selectedEngine reads it). */
    public void apply() {
        if (emulator == null) {
            return;
        }
        if (!Emulator.ENGINES.contains(emulator)) {
            throw new UserError(
                    ExitCode.USAGE,
                    "--emulator must be one of " + String.join(", ", Emulator.ENGINES) + ", got " + emulator);
        }
        System.setProperty("eventflow.emulator", emulator);
    }
}
