package io.eventflow.testkit;

import io.eventflow.chaos.ChaosProxy;
import io.eventflow.chaos.FaultPlan;
import io.eventflow.emulator.Emulator;
import io.eventflow.emulator.Endpoints;
import io.eventflow.emulator.RepoRoot;
import io.eventflow.emulator.Template;
import io.eventflow.runtime.CallerAccount;
import io.eventflow.runtime.Clients;
import io.eventflow.runtime.LocalRuntime;
import io.eventflow.runtime.Seed;
import io.eventflow.runtime.Tee;
import io.eventflow.runtime.invoke.InvocationResult;
import io.eventflow.runtime.ops.StateDir;
import io.eventflow.runtime.trace.InvocationLog;
import io.eventflow.runtime.trace.OrderTimeline;
import io.eventflow.runtime.trace.OrderTrace;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * template.yaml on the local runtime in this JVM, as {@code ./eventflow up} runs it, with the chaos module's proxy
 * between the functions (and the runtime's pollers) and the engine: it lets faults through per test and counts the
 * emails and SMS the engine accepted per recipient. Every invoke is recorded as {@code up} records it, so
 * {@link #trace} is {@code ./eventflow trace}. Visibility timeouts are capped at 3 s, so a redelivery (a fault, a
 * failed message) comes back in seconds.
 */
public final class InProcessTopology implements Topology {
    private static final int VISIBILITY_CAP_SECONDS = 3;

    private final String target;
    private final Emulator emulator;
    private final boolean ownEmulator;
    private final ChaosProxy proxy;
    private final ProxyFaults faults;
    private final Clients direct;
    private final Template template;
    private final LocalRuntime runtime;
    private final StateDir state;
    private final Resources resources;
    private final Api api;
    private final PrintStream functionLog;
    private final PrintStream invocations;

    private InProcessTopology(String target, Emulator emulator, boolean ownEmulator, Path stateRoot)
            throws IOException {
        this.target = target;
        this.emulator = emulator;
        this.ownEmulator = ownEmulator;
        this.state = new StateDir(stateRoot);
        state.startRun();
        Files.createDirectories(state.functionLogs().getParent());
        // Built while this JVM's endpoints are still the engine's: what assertions read never meets a fault.
        this.direct = new Clients();
        this.proxy = new ChaosProxy(emulator.endpoints(), new FaultPlan(0, 0, 0, 0, 0, 0, 0));
        this.faults = new ProxyFaults(proxy);
        // Every SDK client built from here on (the runtime's, every function's) goes through the proxy.
        Endpoints.all(proxy.endpoint()).apply();
        Clients clients = new Clients();
        Path root = RepoRoot.find();
        this.template =
                Template.load(root.resolve("template.yaml"), Map.of(), CallerAccount.discover(), clients.queueUrls);
        this.functionLog = Tee.of(null, state.functionLogs());
        this.invocations = Tee.of(null, state.invocations());
        this.runtime = new LocalRuntime(
                template,
                clients,
                new LocalRuntime.Options(0, VISIBILITY_CAP_SECONDS, 1, 100, 100, Map.of(), false),
                functionLog,
                functionLog,
                hop -> invocations.println(InvocationLog.line(hop)));
        runtime.start();
        Seed.inventory(direct, template, root.resolve("events/inventory/seed-stock.json"));
        URI base = URI.create("http://127.0.0.1:" + runtime.port());
        this.resources = new TemplateResources(template, base);
        this.api = new Api(base, null, null);
    }

    /** On the engine this JVM selects ({@code local}), or on LocalStack whatever it selects ({@code localstack}). */
    static InProcessTopology start(TargetSpec spec) {
        boolean localstack = spec.kind() == TargetSpec.Kind.LOCALSTACK;
        boolean own = localstack && !Emulator.selectedEngine().equals("localstack");
        Path stateRoot = stateRoot();
        Emulator emulator = own
                ? Emulator.start(RepoRoot.find().resolve("target/emulator"), "localstack", Map.of())
                : Emulator.shared();
        try {
            return new InProcessTopology(spec.toString(), emulator, own, stateRoot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Its .eventflow/ equivalent: under {@code eventflow.state} (else target/eventflow-testkit), testkit/. */
    static Path stateRoot() {
        return Path.of(System.getProperty("eventflow.state", "target/eventflow-testkit"))
                .toAbsolutePath()
                .resolve("testkit");
    }

    @Override
    public String describe() {
        return target + ": local runtime on " + emulator.description() + ", API " + api.base();
    }

    @Override
    public Resources resources() {
        return resources;
    }

    @Override
    public DynamoDbClient dynamo() {
        return direct.dynamo;
    }

    @Override
    public SqsClient sqs() {
        return direct.sqs;
    }

    @Override
    public HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
        return api.send(method, path, body, headers);
    }

    @Override
    public int emailsSent(PlacedOrder order) {
        return order.email() == null ? 0 : proxy.emailsAccepted(order.email());
    }

    @Override
    public int smsSent(PlacedOrder order) {
        return order.phone() == null ? 0 : proxy.smsAccepted(order.phone());
    }

    @Override
    public Faults faults() {
        return faults;
    }

    @Override
    public Optional<OrderTrace> trace(String orderId) {
        return Optional.of(new OrderTimeline(direct, template, state).trace(orderId));
    }

    @Override
    public List<String> functionLog() {
        try {
            return Files.readAllLines(state.functionLogs());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String invoke(String functionLogicalId, String payload) {
        var container = runtime.container(functionLogicalId);
        if (container == null) {
            throw new IllegalArgumentException("template.yaml has no function " + functionLogicalId);
        }
        InvocationResult r = container.invoke(payload);
        if (r instanceof InvocationResult.Failure f) {
            throw new IllegalStateException(functionLogicalId + " failed: " + f.errorJson());
        }
        return ((InvocationResult.Success) r).payload();
    }

    @Override
    public boolean awaitQuiet(Duration timeout) {
        try {
            return runtime.awaitQuiescence(
                    Duration.ofMillis(1500), System.currentTimeMillis() + timeout.toMillis(), proxy::inOutage);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void afterTest() {
        faults.clear();
    }

    @Override
    public void close() {
        try {
            runtime.close();
            proxy.close();
            functionLog.close();
            invocations.close();
        } finally {
            emulator.endpoints().apply();
            if (ownEmulator) {
                emulator.stop();
            }
        }
    }
}
