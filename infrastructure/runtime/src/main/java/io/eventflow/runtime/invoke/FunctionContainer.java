package io.eventflow.runtime.invoke;

import com.amazonaws.services.lambda.runtime.Context;
import io.eventflow.emulator.template.Model.Function;
import io.eventflow.emulator.template.TemplateException;
import io.eventflow.runtime.invoke.HandlerMethod.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One function as Lambda runs it: a {@link Sandbox} (own classloader over the function's artifact, own
 * environment variables, own threads and captured stdout/stderr) where the handler is instantiated once
 * (Lambda's init phase) and invoked synchronously on the sandbox's thread, bounded by the function's Timeout.
 * A timeout ends the sandbox (its thread is interrupted and whatever it writes afterwards is dropped); the next
 * invoke starts a new one, as Lambda resets the execution environment.
 */
public final class FunctionContainer implements AutoCloseable {
    private final Function function;
    private final FunctionCode code;
    private final Map<String, String> environment;
    private final PrintStream log;
    private Sandbox sandbox;
    private HandlerMethod handler;

    /**
     * @param code      the function's artifact classpath
     * @param overrides variables on top of the template's (the last word on the function's environment)
     * @param log       where the runtime's START/END/REPORT lines and the function's stdout/stderr go
     */
    public FunctionContainer(Function function, FunctionCode code, Map<String, String> overrides, PrintStream log) {
        this.function = function;
        this.code = code;
        this.log = log;
        this.environment = FunctionEnvironment.of(function, overrides);
        this.handler = resolve(sandbox());
    }

    public Function function() {
        return function;
    }

    /** The variables the function sees. */
    public Map<String, String> environment() {
        return environment;
    }

    private synchronized Sandbox sandbox() {
        if (sandbox == null) {
            sandbox = new Sandbox(function, code, environment, log);
            handler = null;
        }
        return sandbox;
    }

    private HandlerMethod resolve(Sandbox s) {
        try {
            return HandlerMethod.resolve(function.logicalId(), function.handler(), s.loader);
        } catch (TemplateException e) {
            s.close();
            throw new TemplateException(
                    function.logicalId(), e.getMessage().replaceFirst("^[^:]*: ", "") + " [" + code.origin() + "]");
        }
    }

    /** Lambda's init phase, on the sandbox's thread: construct the handler with the function's environment in place. */
    public synchronized void init() {
        Sandbox s = sandbox();
        if (s.instance != null) {
            return;
        }
        if (handler == null) {
            handler = resolve(s);
        }
        HandlerMethod h = handler;
        Future<Object> construct =
                s.worker.submit(() -> Modifier.isStatic(h.method().getModifiers())
                        // A static handler method needs no instance; Lambda still loads (initializes) the class.
                        ? Class.forName(h.type().getName(), true, s.loader)
                        : h.type().getConstructor().newInstance());
        try {
            s.instance = construct.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(function.logicalId() + ": init interrupted", e);
        } catch (ExecutionException e) {
            discard();
            throw initFailure(e.getCause(), h);
        }
        warmSerializers(s, h);
    }

    /**
     * Lambda's Java runtime builds the handler's event serializer when it loads the handler, in init; so does this,
     * converting an empty event and response once on the sandbox's thread, so that the first invocation does not pay.
     */
    private static void warmSerializers(Sandbox s, HandlerMethod h) {
        if (h.shape() == Shape.STREAM || h.eventType() == null) {
            return;
        }
        try {
            s.worker
                    .submit(() -> {
                        Object empty = s.serialization.fromJson("{}", h.eventType());
                        s.serialization.toJson(empty, h.eventType());
                        if (h.method().getReturnType() != void.class) {
                            s.serialization.toJson(null, h.method().getGenericReturnType());
                        }
                        return null;
                    })
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RuntimeException e) {
            // a type the serializer cannot build from {} is converted on the first invocation instead
        }
    }

    private RuntimeException initFailure(Throwable failure, HandlerMethod h) {
        Throwable cause = failure instanceof InvocationTargetException ite ? ite.getCause() : failure;
        if (cause instanceof ExceptionInInitializerError eiie && eiie.getCause() != null) {
            cause = eiie.getCause();
        }
        if (failure instanceof NoSuchMethodException) {
            return new TemplateException(
                    function.logicalId(),
                    "Handler class " + h.type().getName() + " has no public no-argument constructor");
        }
        String missing = cause instanceof NoClassDefFoundError || cause instanceof ClassNotFoundException
                ? " (a class the function needs is not in its artifact: " + code.origin() + ")"
                : "";
        return new IllegalStateException(
                function.logicalId() + ": init failed: " + cause.getClass().getName() + ": " + cause.getMessage()
                        + missing,
                cause);
    }

    /** One synchronous invoke with the event as JSON text; never throws for function errors. */
    public InvocationResult invoke(String eventJson) {
        String requestId = UUID.randomUUID().toString();
        long start = System.currentTimeMillis();
        long timeoutMs = function.timeoutSeconds() * 1000L;
        Sandbox s;
        HandlerMethod h;
        try {
            synchronized (this) {
                init();
                s = sandbox;
                h = handler;
            }
        } catch (RuntimeException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            return new InvocationResult.Failure(
                    requestId,
                    "Runtime.InitError",
                    e.getMessage() == null ? c.toString() : e.getMessage(),
                    false,
                    System.currentTimeMillis() - start);
        }
        Object target = Modifier.isStatic(h.method().getModifiers()) ? null : s.instance;
        LocalContext context = new LocalContext(
                requestId, function.name(), function.arn(), function.memoryMb(), start + timeoutMs, s.output);
        log.println("START RequestId: " + requestId + " Version: $LATEST (" + function.logicalId() + ")");
        Future<String> call = s.worker.submit(() -> call(h, s.serialization, target, eventJson, context));
        InvocationResult result;
        try {
            String payload = call.get(timeoutMs, TimeUnit.MILLISECONDS);
            result = new InvocationResult.Success(requestId, payload, System.currentTimeMillis() - start);
        } catch (TimeoutException e) {
            discard();
            result = new InvocationResult.Failure(
                    requestId,
                    "Sandbox.Timedout",
                    Instant.now() + " " + requestId + " Task timed out after "
                            + String.format("%.2f", function.timeoutSeconds() * 1.0) + " seconds",
                    true,
                    System.currentTimeMillis() - start);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof InvocationTargetException ite ? ite.getCause() : e.getCause();
            result = new InvocationResult.Failure(
                    requestId,
                    cause.getClass().getName(),
                    String.valueOf(cause.getMessage()),
                    false,
                    System.currentTimeMillis() - start);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            result = new InvocationResult.Failure(
                    requestId, "Runtime.Interrupted", "runtime is stopping", false, System.currentTimeMillis() - start);
        }
        log.println("END RequestId: " + requestId);
        log.println("REPORT RequestId: " + requestId + "\tDuration: " + result.durationMs() + " ms\tMemory Size: "
                + function.memoryMb() + " MB"
                + (result instanceof InvocationResult.Failure f ? "\tStatus: " + f.errorType() : ""));
        return result;
    }

    private static String call(
            HandlerMethod h, Serialization serialization, Object target, String eventJson, Context context)
            throws Exception {
        var m = h.method();
        if (h.shape() == Shape.STREAM) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.invoke(target, new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out, context);
            String text = out.toString(StandardCharsets.UTF_8);
            return text.isEmpty() ? "null" : text;
        }
        Object event = h.eventType() == null ? null : serialization.fromJson(eventJson, h.eventType());
        Object response = switch (h.shape()) {
            case EVENT_AND_CONTEXT -> m.invoke(target, event, context);
            case EVENT_ONLY -> m.invoke(target, event);
            case CONTEXT_ONLY -> m.invoke(target, context);
            default -> m.invoke(target);
        };
        return m.getReturnType() == void.class ? "null" : serialization.toJson(response, m.getGenericReturnType());
    }

    /** Ends the current sandbox (after a timeout or a failed init); the next invoke creates a new one. */
    private synchronized void discard() {
        if (sandbox != null) {
            sandbox.close();
            sandbox = null;
            handler = null;
        }
    }

    @Override
    public synchronized void close() {
        discard();
    }
}
