package io.eventflow.runtime.cli;

import io.eventflow.runtime.Cli;
import io.eventflow.runtime.Clients;
import io.eventflow.runtime.Json;
import io.eventflow.runtime.ops.Inspect;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code inspect}: the store, the queues and DLQs (with reasons), the read model. */
@Command(
        name = "inspect",
        description = {
            "Event counts per type and stream, queue and DLQ depths (by logical id) with the reason"
                    + " each dead letter failed, and the read model."
        })
public final class InspectCommand implements Callable<Integer> {
    @ParentCommand
    Cli cli;

    @Option(names = "--json", description = "the report as one JSON object")
    boolean json;

    @Mixin
    RunningUpOptions running;

    @Override
    public Integer call() {
        try (RunningUpOptions.Session up = running.open(cli.err())) {
            Map<String, Object> report = new Inspect(new Clients(), up.template(), up.state()).collect();
            if (json) {
                cli.out().println(Json.write(report));
            } else {
                Inspect.print(report, cli.out());
            }
            return ExitCode.OK;
        }
    }
}
