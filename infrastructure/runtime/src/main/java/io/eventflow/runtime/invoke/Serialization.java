package io.eventflow.runtime.invoke;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Payload (de)serialization as the Lambda Java runtime does it: aws-lambda-java-events types through
 * {@code LambdaEventSerializers} (with their mixins and naming rules), everything else through the runtime's own
 * Jackson factory. One copy of aws-lambda-java-serialization per sandbox, loaded over the function's classloader,
 * as each Lambda process has its own: the library caches the event classes it resolves by name, process-wide
 * ({@code SerializeUtil.loadCustomerClass}), which in a shared copy would hand one function's classes to another.
 */
final class Serialization implements AutoCloseable {
    private static final URL LIBRARY =
            LambdaEventSerializers.class.getProtectionDomain().getCodeSource().getLocation();

    private final URLClassLoader library;
    private final ClassLoader function;
    private final Method isSupported;
    private final Method eventSerializer;
    private final Object jackson;
    private final Method jacksonSerializer;
    private final Method fromJson;
    private final Method toJson;
    private final Map<Type, Object> serializers = new ConcurrentHashMap<>();

    Serialization(String name, ClassLoader function) {
        this.function = function;
        this.library = new URLClassLoader("lambda-serialization-" + name, new URL[] {LIBRARY}, function);
        try {
            Class<?> events = library.loadClass(
                    "com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers");
            Class<?> factory =
                    library.loadClass("com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory");
            Class<?> pojo = library.loadClass("com.amazonaws.services.lambda.runtime.serialization.PojoSerializer");
            isSupported = events.getMethod("isLambdaSupportedEvent", String.class);
            eventSerializer = events.getMethod("serializerFor", Class.class, ClassLoader.class);
            jackson = factory.getMethod("getInstance").invoke(null);
            jacksonSerializer = factory.getMethod("getSerializer", Type.class);
            fromJson = pojo.getMethod("fromJson", String.class);
            toJson = pojo.getMethod("toJson", Object.class, OutputStream.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load aws-lambda-java-serialization from " + LIBRARY + ": " + e, e);
        }
    }

    private Object serializerFor(Type type) {
        return serializers.computeIfAbsent(type, t -> {
            Class<?> raw = t instanceof Class<?> c
                    ? c
                    : t instanceof ParameterizedType p ? (Class<?>) p.getRawType() : Object.class;
            try {
                return (boolean) isSupported.invoke(null, raw.getName())
                        ? eventSerializer.invoke(null, raw, function)
                        : jacksonSerializer.invoke(jackson, t);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            } catch (InvocationTargetException e) {
                throw rethrow(e);
            }
        });
    }

    Object fromJson(String json, Type type) {
        try {
            return fromJson.invoke(serializerFor(type), json);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        }
    }

    String toJson(Object value, Type type) {
        if (value == null) {
            return "null";
        }
        Type t = type instanceof ParameterizedType || (type instanceof Class<?> c && c != Object.class)
                ? type
                : value.getClass();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            toJson.invoke(serializerFor(t), value, out);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static RuntimeException rethrow(InvocationTargetException e) {
        return e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }

    @Override
    public void close() {
        try {
            library.close();
        } catch (IOException ignored) {
            // best effort: the loader is unreachable once its sandbox is gone
        }
    }
}
