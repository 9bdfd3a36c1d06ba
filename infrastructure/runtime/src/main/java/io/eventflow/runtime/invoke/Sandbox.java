package io.eventflow.runtime.invoke;

import io.eventflow.emulator.template.Model.Function;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One execution environment of a function, as Lambda creates it: a classloader of its own over the
 * function's artifact (so its own statics: SDK clients, caches, settings), its environment variables, its own
 * threads (one thread group) and their captured stdout/stderr. Discarded after a timeout; the next invoke
 * builds a new one (Lambda's cold start after a sandbox reset).
 */
final class Sandbox implements AutoCloseable {
    private static final AtomicInteger GENERATIONS = new AtomicInteger();

    final URLClassLoader loader;
    final ThreadGroup threads;
    final FunctionOutput.Sink output;
    final ExecutorService worker;
    final Serialization serialization;
    volatile Object instance;

    Sandbox(Function function, FunctionCode code, Map<String, String> environment, PrintStream log) {
        this.loader = new URLClassLoader("fn-" + function.logicalId(), code.urls(), LambdaPlatformLoader.INSTANCE);
        FunctionEnvironment.install(environment, loader);
        this.serialization = new Serialization(function.logicalId(), loader);
        this.threads = new ThreadGroup("fn-" + function.logicalId() + "-" + GENERATIONS.incrementAndGet());
        this.output = new FunctionOutput.Sink(log);
        FunctionOutput.register(threads, output);
        // Concurrent invokes (the HTTP API) share the environment, as before isolation; Lambda would start more.
        this.worker = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(threads, r, threads.getName());
            t.setDaemon(true);
            t.setContextClassLoader(loader);
            return t;
        });
    }

    /** Ends this environment: its threads are interrupted, their output is cut off, its classes can be unloaded. */
    @Override
    public void close() {
        output.close();
        worker.shutdownNow();
        threads.interrupt();
        instance = null;
        serialization.close();
        try {
            loader.close();
        } catch (IOException ignored) {
            // jars closed best-effort; the loader is unreachable from here on
        }
    }
}
