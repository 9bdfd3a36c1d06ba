package io.eventflow.emulator;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension for integration tests: ensures the shared {@link Emulator} runs (started once per test
 * JVM, stopped at its end) before the class's tests. Test classes create their own uniquely named resources.
 */
public final class EmulatorExtension implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        ExtensionContext.Store root = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
        root.getOrComputeIfAbsent(Emulator.class, k -> {
            Emulator emulator = Emulator.shared();
            System.out.println(
                    "[eventflow] integration tests run against " + emulator.engine() + ": " + emulator.description());
            return (ExtensionContext.Store.CloseableResource) emulator::stop;
        });
    }
}
