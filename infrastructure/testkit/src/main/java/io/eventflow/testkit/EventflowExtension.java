package io.eventflow.testkit;

import io.eventflow.emulator.RepoRoot;
import java.net.URI;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test a {@link Flow} on the selected target ({@link TargetSpec#selected()}). The topology is started (or
 * attached) at the first test that asks for it and kept in the root store, so every class of the JVM that asks for
 * the same target shares it; it is closed when the JVM's tests end. After each test its faults are switched off,
 * and a test that built an expectation without running it ({@code .within} forgotten) fails.
 */
public final class EventflowExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Flow.class);

    /** The closeable root-store entry of one topology. */
    private record Started(Topology topology) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            topology.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Flow.class;
    }

    @Override
    public Flow resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(Flow.class, k -> new Flow(topology(context)), Flow.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Flow flow = context.getStore(NAMESPACE).get(Flow.class, Flow.class);
        if (flow == null) {
            return;
        }
        topology(context).afterTest();
        var unrun = flow.unrun();
        if (!unrun.isEmpty() && context.getExecutionException().isEmpty()) {
            throw new AssertionError("never awaited (end each with .within(timeout)): " + unrun);
        }
    }

    private static Topology topology(ExtensionContext context) {
        TargetSpec spec = TargetSpec.selected();
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        spec.toString(),
                        k -> {
                            Topology t = open(spec);
                            System.out.println("[eventflow-testkit] " + t.describe());
                            return new Started(t);
                        },
                        Started.class)
                .topology();
    }

    static Topology open(TargetSpec spec) {
        return switch (spec.kind()) {
            case LOCAL, LOCALSTACK -> InProcessTopology.start(spec);
            case UP ->
                RemoteTopology.attachUp(
                        URI.create(spec.value()), RepoRoot.find().resolve(".eventflow"));
            case STACK -> RemoteTopology.attachStack(spec.value());
        };
    }
}
