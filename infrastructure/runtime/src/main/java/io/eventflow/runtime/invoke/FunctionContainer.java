package io.eventflow.runtime.invoke;

import com.amazonaws.services.lambda.runtime.Context;
import io.eventflow.log.LogContext;
import io.eventflow.runtime.invoke.HandlerMethod.Shape;
import io.eventflow.runtime.template.Model.Function;
import io.eventflow.runtime.template.TemplateException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One function's "container": the handler instantiated once (Lambda's init phase) and invoked synchronously
 * on a worker thread, bounded by the function's Timeout. After a timeout the instance is discarded and the
 * next invoke starts a fresh one, as Lambda resets the sandbox.
 *
 * <p>Environment: all functions share one JVM, so each function's Environment.Variables are applied as
 * system properties (which {@code AwsClients.env} falls back to) before its handler is constructed and again
 * before every invoke. Two functions that set the same variable to different values would race; in this
 * template every shared variable has one value. Real environment variables always win over these.
 */
public final class FunctionContainer implements AutoCloseable {
    private final Function function;
    private final Map<String, String> environment;
    private final ClassLoader loader;
    private final PrintStream log;
    private final HandlerMethod handler;
    private final ExecutorService workers;
    private Object instance;

    public FunctionContainer(Function function, Map<String, String> overrides, PrintStream log) {
        this.function = function;
        this.log = log;
        this.loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : FunctionContainer.class.getClassLoader();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        // The endpoints the runtime itself uses, as the SDK's standard variables (per-service split included).
        io.eventflow.emulator.Endpoints.current().ifPresent(e -> env.putAll(e.environment()));
        env.putAll(function.environment());
        env.putAll(overrides);
        this.environment = Map.copyOf(env);
        this.handler = HandlerMethod.resolve(function.logicalId(), function.handler(), loader);
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fn-" + function.logicalId());
            t.setDaemon(true);
            return t;
        });
    }

    public Function function() {
        return function;
    }

    /** Lambda's init phase: construct the handler with the function's environment in place. */
    public synchronized void init() {
        if (instance != null) {
            return;
        }
        applyEnvironment();
        try {
            // A static handler method needs no instance; Lambda still loads (initializes) the class.
            instance = java.lang.reflect.Modifier.isStatic(handler.method().getModifiers())
                    ? Class.forName(handler.type().getName(), true, loader) : handler.type().getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new TemplateException(function.logicalId(), "Handler class " + handler.type().getName()
                    + " has no public no-argument constructor");
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException(function.logicalId() + ": init failed: " + cause.getClass().getName()
                    + ": " + cause.getMessage(), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(function.logicalId() + ": cannot construct " + handler.type().getName() + ": " + e, e);
        }
    }

    /** One synchronous invoke with the event as JSON text; never throws for function errors. */
    public InvocationResult invoke(String eventJson) {
        String requestId = UUID.randomUUID().toString();
        long start = System.currentTimeMillis();
        long timeoutMs = function.timeoutSeconds() * 1000L;
        try {
            init();
        } catch (RuntimeException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            return new InvocationResult.Failure(requestId, "Runtime.InitError", e.getMessage() == null ? c.toString() : e.getMessage(),
                    false, System.currentTimeMillis() - start);
        }
        Object target = java.lang.reflect.Modifier.isStatic(handler.method().getModifiers()) ? null : instance;
        LocalContext context = new LocalContext(requestId, function.name(), function.arn(), function.memoryMb(),
                start + timeoutMs, log);
        log.println("START RequestId: " + requestId + " Version: $LATEST (" + function.logicalId() + ")");
        Future<String> call = workers.submit(() -> {
            applyEnvironment();
            LogContext.function(function.logicalId());
            try {
                return call(target, eventJson, context);
            } finally {
                LogContext.clear();
            }
        });
        InvocationResult result;
        try {
            String payload = call.get(timeoutMs, TimeUnit.MILLISECONDS);
            result = new InvocationResult.Success(requestId, payload, System.currentTimeMillis() - start);
        } catch (TimeoutException e) {
            call.cancel(true);
            discardInstance();
            result = new InvocationResult.Failure(requestId, "Sandbox.Timedout", Instant.now() + " " + requestId
                    + " Task timed out after " + String.format("%.2f", function.timeoutSeconds() * 1.0) + " seconds",
                    true, System.currentTimeMillis() - start);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof InvocationTargetException ite ? ite.getCause() : e.getCause();
            result = new InvocationResult.Failure(requestId, cause.getClass().getName(), String.valueOf(cause.getMessage()),
                    false, System.currentTimeMillis() - start);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            result = new InvocationResult.Failure(requestId, "Runtime.Interrupted", "runtime is stopping", false,
                    System.currentTimeMillis() - start);
        }
        log.println("END RequestId: " + requestId);
        log.println("REPORT RequestId: " + requestId + "\tDuration: " + result.durationMs() + " ms\tMemory Size: "
                + function.memoryMb() + " MB" + (result instanceof InvocationResult.Failure f ? "\tStatus: " + f.errorType() : ""));
        return result;
    }

    private String call(Object target, String eventJson, Context context) throws Exception {
        var m = handler.method();
        if (handler.shape() == Shape.STREAM) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.invoke(target, new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out, context);
            String text = out.toString(StandardCharsets.UTF_8);
            return text.isEmpty() ? "null" : text;
        }
        Object event = handler.eventType() == null ? null : Serialization.fromJson(eventJson, handler.eventType(), loader);
        Object response = switch (handler.shape()) {
            case EVENT_AND_CONTEXT -> m.invoke(target, event, context);
            case EVENT_ONLY -> m.invoke(target, event);
            case CONTEXT_ONLY -> m.invoke(target, context);
            default -> m.invoke(target);
        };
        return m.getReturnType() == void.class ? "null" : Serialization.toJson(response, m.getGenericReturnType(), loader);
    }

    private void applyEnvironment() {
        environment.forEach(System::setProperty);
    }

    private synchronized void discardInstance() {
        instance = null;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
