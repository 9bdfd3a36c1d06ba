package io.eventflow.runtime.invoke;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.eventflow.emulator.template.TemplateException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A Handler string ({@code pkg.Class::method} or {@code pkg.Class} implementing RequestHandler /
 * RequestStreamHandler) resolved to a class and method the way the Lambda Java runtime does.
 */
record HandlerMethod(Class<?> type, Method method, Shape shape) {
    enum Shape {
        STREAM,
        EVENT_AND_CONTEXT,
        EVENT_ONLY,
        CONTEXT_ONLY,
        NO_ARGS
    }

    static HandlerMethod resolve(String logicalId, String handler, ClassLoader loader) {
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        String methodName = handler.contains("::") ? handler.substring(handler.indexOf("::") + 2) : null;
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new TemplateException(
                    logicalId,
                    "Handler class " + className + " is not on the classpath (" + e
                            + "); build and install its function module");
        }
        if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
            throw new TemplateException(logicalId, "Handler class " + className + " is abstract");
        }
        if (methodName == null) {
            if (RequestStreamHandler.class.isAssignableFrom(type)) {
                methodName = "handleRequest";
            } else if (RequestHandler.class.isAssignableFrom(type)) {
                methodName = "handleRequest";
            } else {
                throw new TemplateException(
                        logicalId,
                        "Handler " + handler
                                + " names no method and the class implements neither RequestHandler nor RequestStreamHandler");
            }
        }
        String name = methodName;
        Method[] methods;
        try {
            methods = type.getMethods();
        } catch (LinkageError e) {
            throw new TemplateException(
                    logicalId,
                    "Handler class " + className + " cannot be linked (" + e
                            + "): a class its methods name is not in the function's artifact");
        }
        List<Method> candidates = Arrays.stream(methods)
                .filter(m -> m.getName().equals(name) && !m.isBridge() && !m.isSynthetic())
                .sorted(Comparator.comparingInt(Method::getParameterCount).reversed())
                .toList();
        for (Method m : candidates) {
            Class<?>[] p = m.getParameterTypes();
            if (p.length == 3 && p[0] == InputStream.class && p[1] == OutputStream.class && p[2] == Context.class) {
                return new HandlerMethod(type, m, Shape.STREAM);
            }
            if (p.length == 2 && p[1] == Context.class) {
                return new HandlerMethod(type, m, Shape.EVENT_AND_CONTEXT);
            }
            if (p.length == 1) {
                return new HandlerMethod(type, m, p[0] == Context.class ? Shape.CONTEXT_ONLY : Shape.EVENT_ONLY);
            }
            if (p.length == 0) {
                return new HandlerMethod(type, m, Shape.NO_ARGS);
            }
        }
        throw new TemplateException(
                logicalId,
                "Handler " + handler + ": no public method " + name + "(event, Context), " + name + "(event) or " + name
                        + "(InputStream, OutputStream, Context) in " + className);
    }

    /** The declared event type (generic type for POJOs like Map<String,Object>). */
    Type eventType() {
        return shape == Shape.EVENT_AND_CONTEXT || shape == Shape.EVENT_ONLY
                ? method.getGenericParameterTypes()[0]
                : null;
    }
}
