package io.eventflow.runtime.invoke;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Payload (de)serialization as the Lambda Java runtime does it: aws-lambda-java-events types through
 * {@link LambdaEventSerializers} (with their mixins and naming rules), everything else through the
 * runtime's own Jackson factory.
 */
final class Serialization {
    private Serialization() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static PojoSerializer<Object> serializerFor(Type type, ClassLoader loader) {
        Class<?> raw = type instanceof Class<?> c ? c : type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : Object.class;
        if (LambdaEventSerializers.isLambdaSupportedEvent(raw.getName())) {
            return (PojoSerializer) LambdaEventSerializers.serializerFor(raw, loader);
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }

    static Object fromJson(String json, Type type, ClassLoader loader) {
        return serializerFor(type, loader).fromJson(json);
    }

    static String toJson(Object value, Type type, ClassLoader loader) {
        if (value == null) {
            return "null";
        }
        Type t = type instanceof ParameterizedType || (type instanceof Class<?> c && c != Object.class) ? type : value.getClass();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializerFor(t, loader).toJson(value, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
