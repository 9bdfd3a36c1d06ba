package io.eventflow.runtime.cli;

import io.eventflow.emulator.Template;
import io.eventflow.runtime.Cli;
import io.eventflow.runtime.Clients;
import io.eventflow.runtime.ops.Publish;
import io.eventflow.store.ConcurrencyConflictException;
import io.eventflow.store.DynamoDbEventStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code publish FILE}: append envelopes through the event store; the relay publishes them. */
@Command(
        name = "publish",
        description = {
            "Append an event envelope (or a JSON list of them) to the event store, validated"
                    + " against the schemas; the relay then publishes it like any other event. Sample: events/publish/order-placed.json.",
            "One line per envelope on stdout: appended (with its sequence) or duplicate (its eventId was stored before)."
        })
public final class PublishCommand implements Callable<Integer> {
    @ParentCommand
    Cli cli;

    @Parameters(
            index = "0",
            paramLabel = "FILE",
            description = "an envelope or a list, e.g. events/publish/order-placed.json")
    Path file;

    @Mixin
    RunningUpOptions running;

    @Override
    public Integer call() {
        JsonFile json =
                JsonFile.read(file, "envelope file", "pass an event envelope, e.g. events/publish/order-placed.json");
        checkEnvelopes(json);
        try (RunningUpOptions.Session up = running.open(cli.err())) {
            Template app = up.template();
            String table = app.table("EventStoreTable")
                    .orElseThrow(() -> UserError.input("the template has no EventStoreTable"))
                    .name();
            try {
                Publish.run(new DynamoDbEventStore(new Clients().dynamo, table), json.text(), cli.out());
            } catch (ConcurrencyConflictException e) {
                throw UserError.input(
                        json.path() + ": " + e.getMessage() + ": give the next sequence of the stream, or none");
            }
            return ExitCode.OK;
        }
    }

    /** A malformed envelope is refused before anything is appended. */
    static void checkEnvelopes(JsonFile json) {
        try {
            Publish.envelopes(json.text());
        } catch (IllegalArgumentException e) {
            throw UserError.input(
                    json.path() + ": " + e.getMessage() + ": fix the file (see events/publish/order-placed.json)");
        }
    }
}
