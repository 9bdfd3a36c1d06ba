package io.eventflow.templatechecks;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every function of template.yaml is the one docs/ARCHITECTURE.md names, its Handler loads from the function
 * modules (test dependencies of this module) the way the Lambda Java runtime would, typed for its event source.
 */
class HandlerResolutionTest {
    /** Event source type -> the aws-lambda-java-events input and (with ReportBatchItemFailures) response type. */
    private static final Map<String, List<String>> SHAPES = Map.of(
            "SQS", List.of("SQSEvent", "SQSBatchResponse"),
            "DynamoDB", List.of("DynamodbEvent", "StreamsEventResponse"),
            "HttpApi", List.of("APIGatewayV2HTTPEvent", "APIGatewayV2HTTPResponse"));

    private final Wiring wiring = Wiring.project();
    private final Architecture architecture = Architecture.load();

    @Test
    void templateDeclaresExactlyTheDocumentedFunctions() {
        assertThat(wiring.functions())
                .containsExactlyInAnyOrderElementsOf(architecture.functions().keySet());
    }

    @Test
    void moduleMetadataMatchesTheArchitecture() {
        Map<String, Object> modules =
                Wiring.map(Wiring.path(wiring.template().root(), "Metadata", "Eventflow", "Modules"));
        for (Architecture.Function f : architecture.functions().values()) {
            assertThat(modules.get(f.logicalId()))
                    .as("Metadata.Eventflow.Modules.%s", f.logicalId())
                    .isEqualTo(f.module());
            Map<String, Object> metadata =
                    Wiring.map(wiring.template().resources().get(f.logicalId()).get("Metadata"));
            assertThat(metadata)
                    .as("%s Metadata", f.logicalId())
                    .containsEntry("BuildMethod", "makefile")
                    .containsEntry("EventflowModule", f.module());
            assertThat(wiring.template().properties(f.logicalId(), Wiring.FUNCTION))
                    .containsEntry("CodeUri", ".");
        }
    }

    @TestFactory
    Stream<DynamicTest> handlersResolveToLoadableHandlerMethods() {
        return architecture.functions().values().stream()
                .map(f -> DynamicTest.dynamicTest(f.logicalId(), () -> {
                    Object handler = wiring.functionProperty(f.logicalId(), "Handler");
                    assertThat(handler).as("%s Handler", f.logicalId()).isEqualTo(f.handler());
                    assertHandlerResolves(f.logicalId(), String.valueOf(handler));
                }));
    }

    @TestFactory
    Stream<DynamicTest> handlerSignaturesMatchTheirEventSources() {
        return architecture.functions().values().stream()
                .map(f -> DynamicTest.dynamicTest(f.logicalId(), () -> {
                    String[] parts = f.handler().split("::", 2);
                    Class<?> type = Class.forName(parts[0], false, getClass().getClassLoader());
                    if (RequestStreamHandler.class.isAssignableFrom(type)) {
                        return; // raw JSON in, raw JSON out: nothing typed to compare
                    }
                    String methodName = parts.length == 2 ? parts[1] : "handleRequest";
                    Method method = Arrays.stream(type.getMethods())
                            .filter(m -> m.getName().equals(methodName) && !m.isBridge() && m.getParameterCount() >= 1)
                            .findFirst()
                            .orElseThrow(() -> new AssertionError(f.logicalId() + ": no " + methodName));
                    for (String source : SHAPES.keySet()) {
                        wiring.events(source).stream()
                                .filter(e -> e.function().equals(f.logicalId()))
                                .forEach(e -> assertShape(f.logicalId(), method, e));
                    }
                }));
    }

    private static void assertShape(String function, Method method, Wiring.Event event) {
        List<String> shape = SHAPES.get(event.type());
        String in = method.getParameterTypes()[0].getSimpleName();
        assertThat(in)
                .as("%s input for its %s event %s", function, event.type(), event.name())
                .isIn(shape.get(0), "Map", "Object");
        boolean partialFailures =
                Wiring.list(event.properties().get("FunctionResponseTypes")).contains("ReportBatchItemFailures");
        if (partialFailures || event.type().equals("HttpApi")) {
            assertThat(method.getReturnType().getSimpleName())
                    .as("%s response for its %s event %s", function, event.type(), event.name())
                    .isIn(shape.get(1), "Map", "Object");
        }
    }

    /** Lambda: "pkg.Class::method" or "pkg.Class" (then the class implements a handler interface). */
    static void assertHandlerResolves(String function, String handler) {
        String[] parts = handler.split("::", 2);
        Class<?> type;
        try {
            type = Class.forName(parts[0], false, HandlerResolutionTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(
                    function + ": handler class " + parts[0] + " is not on the classpath of the "
                            + "function modules (is the module built and installed?)",
                    e);
        }
        assertThat(Modifier.isPublic(type.getModifiers()) && !Modifier.isAbstract(type.getModifiers()))
                .as("%s: %s is a public concrete class", function, type.getName())
                .isTrue();
        assertThat(Arrays.stream(type.getConstructors()).anyMatch(c -> c.getParameterCount() == 0))
                .as("%s: %s has a public no-arg constructor (the runtime instantiates it)", function, type.getName())
                .isTrue();

        boolean handlerInterface =
                RequestHandler.class.isAssignableFrom(type) || RequestStreamHandler.class.isAssignableFrom(type);
        String method = parts.length == 2 ? parts[1] : null;
        if (method == null || (handlerInterface && method.equals("handleRequest"))) {
            assertThat(handlerInterface)
                    .as("%s: %s implements RequestHandler or RequestStreamHandler", function, type.getName())
                    .isTrue();
            return;
        }
        List<Method> candidates = Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(method))
                .filter(m -> m.getParameterCount() >= 1 && m.getParameterCount() <= 2)
                .toList();
        assertThat(candidates)
                .as("%s: public method %s(event[, Context]) on %s", function, method, type.getName())
                .isNotEmpty();
    }
}
