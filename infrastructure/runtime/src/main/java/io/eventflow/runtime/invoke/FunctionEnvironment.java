package io.eventflow.runtime.invoke;

import io.eventflow.emulator.template.Model.Function;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One function's environment variables, and how they reach its code. This map is the only place variables
 * reach a function: what Lambda sets for every function (region, credentials, names, memory), then the
 * template's {@code Environment.Variables}, then the caller's overrides ({@code --env K=V}, per-service
 * {@code AWS_ENDPOINT_URL_<SERVICE>} values...). Nothing of the runtime's own process environment leaks in.
 *
 * <p>How: {@code System.getenv} is per JVM, so the map is installed per function classloader, which has its own
 * copies of every class: (1) eventflow-shared's {@code io.eventflow.aws.Environment} (the one source production
 * code reads variables from) gets the map as its source; (2) the AWS SDK's own environment lookup
 * ({@code SystemSettingUtils}, used for AWS_REGION, credentials, AWS_ENDPOINT_URL[_SERVICE]) gets the map
 * through its override table, and every process variable not in the map is overridden to "unset".
 */
final class FunctionEnvironment {
    private static final String SHARED_ENVIRONMENT = "io.eventflow.aws.Environment";
    private static final String SDK_ENVIRONMENT =
            "software.amazon.awssdk.utils.internal.SystemSettingUtilsTestBackdoor";

    private FunctionEnvironment() {}

    /** The variables the function sees, in Lambda's order of precedence (later entries win). */
    static Map<String, String> of(Function function, Map<String, String> overrides) {
        Map<String, String> env = new LinkedHashMap<>();
        String region = setting("AWS_REGION", "aws.region").orElse("us-east-1");
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        setting("AWS_ACCESS_KEY_ID", "aws.accessKeyId").ifPresent(v -> env.put("AWS_ACCESS_KEY_ID", v));
        setting("AWS_SECRET_ACCESS_KEY", "aws.secretAccessKey").ifPresent(v -> env.put("AWS_SECRET_ACCESS_KEY", v));
        setting("AWS_SESSION_TOKEN", "aws.sessionToken").ifPresent(v -> env.put("AWS_SESSION_TOKEN", v));
        // Not set on AWS: the endpoint this runtime talks to (embedded moto, --endpoint, the chaos proxy).
        setting("AWS_ENDPOINT_URL", "aws.endpointUrl").ifPresent(v -> env.put("AWS_ENDPOINT_URL", v));
        // The endpoints the runtime itself uses, as the SDK's standard variables (per-service split included).
        io.eventflow.emulator.Endpoints.current().ifPresent(e -> env.putAll(e.environment()));
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name());
        env.put("TZ", ":UTC");
        env.put("LANG", "en_US.UTF-8");
        env.putAll(function.environment());
        env.putAll(overrides);
        return Map.copyOf(env);
    }

    /** The runtime's own setting: process environment first, then the SDK's system property of the same meaning. */
    private static Optional<String> setting(String variable, String property) {
        String v = System.getenv(variable);
        if (v == null || v.isBlank()) {
            v = System.getProperty(property);
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    /** Installs {@code env} as the environment of the classes of {@code loader} (see the class comment). */
    static void install(Map<String, String> env, ClassLoader loader) {
        try {
            Class<?> shared = Class.forName(SHARED_ENVIRONMENT, false, loader);
            Field source = shared.getDeclaredField("source");
            source.setAccessible(true);
            source.set(null, (java.util.function.Function<String, String>) env::get);
        } catch (ClassNotFoundException notShared) {
            // a function without eventflow-shared reads variables only through the SDK (or not at all)
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot set " + SHARED_ENVIRONMENT + ".source: " + e, e);
        }
        try {
            Class<?> sdk = Class.forName(SDK_ENVIRONMENT, true, loader);
            Method put = sdk.getMethod("addEnvironmentVariableOverride", String.class, String.class);
            for (String name : System.getenv().keySet()) {
                if (!env.containsKey(name)) {
                    put.invoke(null, name, null);
                }
            }
            for (Map.Entry<String, String> e : env.entrySet()) {
                put.invoke(null, e.getKey(), e.getValue());
            }
        } catch (ClassNotFoundException noSdk) {
            // a function without the AWS SDK
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot give the AWS SDK of this function its environment: " + e, e);
        }
    }
}
