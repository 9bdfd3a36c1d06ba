package io.eventflow.runtime.cli;

import io.eventflow.emulator.Template;
import io.eventflow.runtime.Cli;
import io.eventflow.runtime.Clients;
import io.eventflow.runtime.Endpoint;
import io.eventflow.runtime.Provisioner;
import io.eventflow.runtime.Seed;
import io.eventflow.runtime.invoke.CodeLocator;
import io.eventflow.runtime.invoke.FunctionContainer;
import io.eventflow.runtime.invoke.InvocationResult;
import io.eventflow.runtime.ops.Publish;
import io.eventflow.runtime.ops.StateDir;
import io.eventflow.store.DynamoDbEventStore;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code invoke}: the Docker-free {@code sam local invoke -e}, on the running `up` when there is one. */
@Command(
        name = "invoke",
        sortOptions = false,
        description = {
            "Run one function once with a sample event: the Docker-free `sam local invoke -e`.",
            "stdout: the response JSON alone, or Lambda's error JSON {\"errorMessage\",\"errorType\"} with exit 1;"
                    + " function logs on stderr.",
            "Where: --endpoint, else AWS_ENDPOINT_URL, else the running `up` of this checkout (fast: nothing to"
                    + " provision), else an embedded moto started for this invoke, with the template provisioned and"
                    + " InventoryTable seeded (7-11 s).",
            "State a sample needs (e.g. the order's OrderPlaced for InventoryFunction) comes from its given file:"
                    + " events/<fn>/given/<sample>.json next to the sample, appended to the event store first"
                    + " (on a running `up` the relay then publishes it like any event)."
        })
public final class InvokeCommand implements Callable<Integer> {
    @ParentCommand
    Cli cli;

    @Parameters(
            index = "0",
            paramLabel = "FUNCTION",
            description = "the function's logical id in the template, e.g. InventoryFunction")
    String function;

    @Option(
            names = {"--event", "-e"},
            required = true,
            paramLabel = "FILE",
            description = "the event JSON, e.g. events/inventory/order-placed.json")
    Path event;

    @Option(
            names = "--given",
            paramLabel = "FILE",
            description = "events (an envelope or a list) appended to the store before the invoke"
                    + " (default: given/<sample>.json next to the event file, when there is one)")
    Path given;

    @Option(names = "--no-given", description = "do not append the sample's given file")
    boolean noGiven;

    @Option(
            names = "--cold",
            description = "with a running `up`: invoke a fresh handler instance in this process (its logs on"
                    + " stderr) instead of the `up`'s warm one (--env implies it)")
    boolean cold;

    @Mixin
    TemplateOptions template;

    @Mixin
    EndpointOptions endpoint;

    @Mixin
    EnvOptions env;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() {
        PrintStream err = cli.err();
        JsonFile eventFile = JsonFile.read(
                event, "event file", "pass a sample from events/<function>/, e.g. events/inventory/order-placed.json");
        Path givenPath = given != null ? given : noGiven ? null : defaultGiven(event);
        JsonFile givenFile = givenPath == null
                ? null
                : JsonFile.read(givenPath, "given file", "pass a JSON envelope or a list of them");
        if (givenFile != null) {
            PublishCommand.checkEnvelopes(givenFile);
        }
        StateDir state = template.state();
        Optional<String> url = endpoint.explicit(state, err);
        Optional<StateDir.Running> up = state.running();
        if (url.isEmpty()
                && up.isPresent()
                && up.get().controlPort() > 0
                && !cold
                && env.env().isEmpty()) {
            // The running `up` knows its functions (an unknown id: its list); no template to read here.
            return onRunningUp(up.get(), function, eventFile, givenFile);
        }
        // The function id is checked before any emulator starts: a typo costs nothing.
        String logicalId = Names.function(template.offline(), function);
        if (url.isEmpty()) {
            url = up.map(u -> {
                err.println("invoke: a fresh instance on the running `up`'s emulator (pid " + u.pid() + ", "
                        + u.endpoint() + ")");
                return u.endpoint();
            });
        }
        if (url.isEmpty()) {
            err.println("invoke: no running `up`: starting an embedded moto and provisioning "
                    + template.path().getFileName()
                    + " (start `./eventflow up` in another terminal and invokes take about a second)");
        }
        long start = System.currentTimeMillis();
        engine.apply();
        try (Endpoint ep =
                url.isPresent() ? EndpointOptions.connect(url.get(), state) : Endpoint.connect(null, state.root())) {
            Template app = template.load();
            var fn = app.function(logicalId);
            // The handler runs here, in its own environment: its output (logs, EMF, START/END/REPORT) on our stderr.
            FunctionContainer container =
                    new FunctionContainer(fn, CodeLocator.forTemplate(app).locate(fn), env.env(), err);
            Clients clients = new Clients();
            if (ep.isEmbedded()) {
                new Provisioner(clients, new PrintStream(java.io.OutputStream.nullOutputStream())).provision(app, 0);
                Seed.inventory(clients, app, template.root().resolve("events/inventory/seed-stock.json"));
            }
            if (givenFile != null) {
                String table = app.table("EventStoreTable")
                        .orElseThrow(() -> UserError.input("the template has no EventStoreTable for --given"))
                        .name();
                int appended = Publish.run(new DynamoDbEventStore(clients.dynamo, table), givenFile.text(), err);
                err.println("invoke: given " + givenFile.path() + ": " + appended
                        + " event(s) appended (others were already stored)");
            }
            try {
                InvocationResult result = container.invoke(eventFile.text());
                err.println("invoke: " + logicalId + " answered in " + result.durationMs() + " ms ("
                        + (System.currentTimeMillis() - start) + " ms with setup)");
                if (result instanceof InvocationResult.Success s) {
                    cli.out().println(s.payload());
                    return ExitCode.OK;
                }
                cli.out().println(((InvocationResult.Failure) result).errorJson());
                return ExitCode.FAILED;
            } finally {
                container.close();
            }
        }
    }

    /** On the running `up`'s warm instance, through its control port: no JVM of ours to warm up, no provisioning. */
    private int onRunningUp(StateDir.Running up, String logicalId, JsonFile eventFile, JsonFile givenFile) {
        PrintStream err = cli.err();
        long start = System.currentTimeMillis();
        ControlClient control = new ControlClient(up);
        if (givenFile != null) {
            var answer = control.post("/publish", givenFile.text(), java.time.Duration.ofSeconds(30));
            int appended = answer.path("appended").asInt();
            err.println(
                    "invoke: given " + givenFile.path() + ": " + appended
                            + " event(s) appended (others were already stored)"
                            + (appended == 0
                                    ? ""
                                    : answer.path("settled").asBoolean()
                                            ? "; the running `up` handled them first"
                                            : "; the running `up` is still busy with them (20 s): the answer may show a retry"));
        }
        var answer = control.post("/invoke/" + logicalId, eventFile.text(), java.time.Duration.ofMinutes(16));
        err.println("invoke: " + logicalId + " on the running `up` (pid " + up.pid() + ") answered in "
                + answer.path("durationMs").asLong() + " ms (" + (System.currentTimeMillis() - start)
                + " ms round trip); its logs: ./eventflow logs --function " + logicalId);
        cli.out().println(answer.path("payload").asText());
        return answer.path("ok").asBoolean() ? ExitCode.OK : ExitCode.FAILED;
    }

    /** events/inventory/order-placed.json -> events/inventory/given/order-placed.json, when it exists. */
    static Path defaultGiven(Path event) {
        Path given = event.toAbsolutePath()
                .getParent()
                .resolve("given")
                .resolve(event.getFileName().toString());
        return Files.isRegularFile(given) ? given : null;
    }
}
