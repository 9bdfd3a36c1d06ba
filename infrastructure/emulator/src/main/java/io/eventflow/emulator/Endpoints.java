package io.eventflow.emulator;

import java.net.URI;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where each AWS service is reached, resolved the way the SDK resolves it: a per-service endpoint
 * ({@code AWS_ENDPOINT_URL_<SERVICE>} in the environment) always wins; then what the engine itself puts on another
 * endpoint (LocalStack's engine keeps DynamoDB on moto); then the default ({@code --endpoint}, else
 * {@code AWS_ENDPOINT_URL}). The one place the runtime, the chaos harness, the tools and the test JVMs decide
 * endpoints: {@link #apply()} publishes them to this JVM's SDK clients, {@link #environment()} to the functions.
 * <p>Sources: "Service-specific endpoints" in the AWS SDKs and Tools Reference Guide
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html) lists the variable per service.
 */
public record Endpoints(URI defaultUrl, Map<Service, URI> services) {
    private static volatile Endpoints current;

    /** The services eventflow uses: the SDK's environment variable suffix and system property suffix for each. */
    public enum Service {
        DYNAMODB("DYNAMODB", "DynamoDb", "dynamodb"),
        DYNAMODB_STREAMS("DYNAMODB_STREAMS", "DynamoDbStreams", null),
        SQS("SQS", "Sqs", "sqs"),
        SNS("SNS", "Sns", "sns"),
        EVENTBRIDGE("EVENTBRIDGE", "EventBridge", "events"),
        SES("SES", "Ses", "email"),
        STS("STS", "Sts", "sts");

        private final String envSuffix;
        private final String propertySuffix;
        private final String signingName;

        Service(String envSuffix, String propertySuffix, String signingName) {
            this.envSuffix = envSuffix;
            this.propertySuffix = propertySuffix;
            this.signingName = signingName;
        }

        public String variable() {
            return "AWS_ENDPOINT_URL_" + envSuffix;
        }

        public String property() {
            return "aws.endpointUrl" + propertySuffix;
        }
    }

    public Endpoints {
        services = Map.copyOf(services);
    }

    /** Per-service variables of the process environment over the engine's own split over the default. */
    public static Endpoints resolve(URI defaultUrl, Map<Service, URI> engine) {
        return resolve(defaultUrl, engine, System::getenv);
    }

    static Endpoints resolve(URI defaultUrl, Map<Service, URI> engine, Function<String, String> env) {
        Map<Service, URI> out = new EnumMap<>(Service.class);
        for (Service s : Service.values()) {
            String configured = env.apply(s.variable());
            URI uri = configured != null && !configured.isBlank()
                    ? URI.create(configured.trim())
                    : engine.getOrDefault(s, defaultUrl);
            if (uri == null) {
                throw new IllegalStateException(
                        "no endpoint for " + s + ": set --endpoint, AWS_ENDPOINT_URL or " + s.variable());
            }
            out.put(s, uri);
        }
        return new Endpoints(defaultUrl == null ? out.get(Service.SQS) : defaultUrl, out);
    }

    public URI of(Service s) {
        return services.get(s);
    }

    /** The endpoint for a request signed for {@code signingName} (SigV4 credential scope); DynamoDB Streams signs as dynamodb. */
    public Optional<URI> forSigningName(String signingName) {
        for (Service s : Service.values()) {
            if (signingName.equals(s.signingName)) {
                return Optional.of(services.get(s));
            }
        }
        return Optional.empty();
    }

    /** True when every service is on the default endpoint. */
    public boolean single() {
        return services.values().stream().allMatch(defaultUrl::equals);
    }

    /** For this JVM's SDK clients (runtime, tests, in-process functions): the SDK's own system properties. */
    public void apply() {
        System.setProperty("aws.endpointUrl", defaultUrl.toString());
        services.forEach((s, uri) -> System.setProperty(s.property(), uri.toString()));
        current = this;
    }

    /** The endpoints last {@link #apply() applied} in this JVM, if any: what functions run here are given. */
    public static Optional<Endpoints> current() {
        return Optional.ofNullable(current);
    }

    /** Parses what {@link #environment()} wrote (a running `up`'s state file); the process environment still wins. */
    public static Endpoints fromEnvironment(Map<String, String> saved) {
        return fromEnvironment(saved, System::getenv);
    }

    static Endpoints fromEnvironment(Map<String, String> saved, Function<String, String> env) {
        Map<Service, URI> split = new EnumMap<>(Service.class);
        for (Service s : Service.values()) {
            if (saved.get(s.variable()) != null) {
                split.put(s, URI.create(saved.get(s.variable())));
            }
        }
        return resolve(URI.create(saved.get("AWS_ENDPOINT_URL")), split, env);
    }

    /** For a function's environment: the SDK's standard variables, the same split the runtime uses. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL", defaultUrl.toString());
        services.forEach((s, uri) -> env.put(s.variable(), uri.toString()));
        return env;
    }

    /** Every service at one URL, whatever the environment says (the chaos proxy's front). */
    public static Endpoints all(URI url) {
        Map<Service, URI> out = new EnumMap<>(Service.class);
        for (Service s : Service.values()) {
            out.put(s, url);
        }
        return new Endpoints(url, out);
    }

    /** One line for humans: the default and every service elsewhere. */
    public String describe() {
        StringBuilder sb = new StringBuilder(defaultUrl.toString());
        services.forEach((s, uri) -> {
            if (!uri.equals(defaultUrl)) {
                sb.append(", ").append(s.name().toLowerCase()).append(" at ").append(uri);
            }
        });
        return sb.toString();
    }
}
