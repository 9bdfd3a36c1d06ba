package io.eventflow.emulator;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The AWS-API endpoints this JVM talks to. When {@code AWS_ENDPOINT_URL} is set (LocalStack, Floci, a real
 * account's endpoint...), that is used and nothing is started. Otherwise the selected engine is started for the
 * whole JVM ({@code -Deventflow.emulator} or {@code EVENTFLOW_EMULATOR}):
 * <ul>
 *   <li>{@code moto} (default): one moto server for every service;</li>
 *   <li>{@code localstack}: LocalStack on the host for SQS, SNS, EventBridge, SES and STS, and a moto server for
 *   DynamoDB and DynamoDB Streams (LocalStack's DynamoDB would need DynamoDB Local, which we do not use);</li>
 *   <li>{@code localstack-container}, {@code floci-container}: a container (the {@code -Plocalstack} / {@code -Pfloci}
 *   profiles, need Docker).</li>
 * </ul>
 * Per-service variables ({@code AWS_ENDPOINT_URL_<SERVICE>}) win in every case ({@link Endpoints}). The endpoints
 * are published through the SDK's standard system properties and the servers stopped when the JVM ends.
 */
public final class Emulator {
    public static final List<String> ENGINES = List.of("moto", "localstack", "localstack-container", "floci-container");
    private static Emulator shared;

    private final String engine;
    private final Endpoints endpoints;
    private final String description;
    private final List<AutoCloseable> servers;

    private Emulator(String engine, Endpoints endpoints, String description, List<AutoCloseable> servers) {
        this.engine = engine;
        this.endpoints = endpoints;
        this.description = description;
        this.servers = servers;
    }

    public static synchronized Emulator shared() {
        if (shared == null) {
            shared = start(RepoRoot.find().resolve("target/emulator"));
        }
        return shared;
    }

    /** The engine chosen for this JVM: {@code -Deventflow.emulator}, else {@code EVENTFLOW_EMULATOR}, else moto. */
    public static String selectedEngine() {
        String e = System.getProperty("eventflow.emulator");
        if (e == null || e.isBlank()) {
            e = System.getenv("EVENTFLOW_EMULATOR");
        }
        e = e == null || e.isBlank() ? "moto" : e.trim().toLowerCase(Locale.ROOT);
        if (!ENGINES.contains(e)) {
            throw new IllegalArgumentException(
                    "unknown emulator '" + e + "' (eventflow.emulator / EVENTFLOW_EMULATOR / " + "--emulator): one of "
                            + String.join(", ", ENGINES));
        }
        return e;
    }

    /** Endpoints for this JVM, from the environment or the selected engine, whose logs go to {@code logDir}. */
    public static Emulator start(Path logDir) {
        String external = System.getenv("AWS_ENDPOINT_URL");
        if (external != null && !external.isBlank()) {
            return external(URI.create(external.trim()));
        }
        return start(logDir, selectedEngine(), Map.of());
    }

    /** An endpoint somebody else runs: nothing is started; per-service variables still win. */
    public static Emulator external(URI url) {
        return external(Endpoints.resolve(url, Map.of()));
    }

    /** Endpoints somebody else runs (e.g. the running `up`'s, LocalStack with DynamoDB on moto). */
    public static Emulator external(Endpoints endpoints) {
        defaultCredentials();
        endpoints.apply();
        return new Emulator("external", endpoints, "external endpoint " + endpoints.describe(), List.of());
    }

    /** @param motoEnvironment extra variables for the moto server (e.g. MOTO_ACCOUNT_ID, in a test) */
    public static Emulator start(Path logDir, String engine, Map<String, String> motoEnvironment) {
        defaultCredentials();
        Emulator e = switch (engine) {
            case "moto" -> {
                MotoServer moto = MotoServer.start(logDir, motoEnvironment);
                yield new Emulator(
                        engine,
                        Endpoints.resolve(moto.endpoint(), Map.of()),
                        "moto server at " + moto.endpoint(),
                        List.of(moto));
            }
            case "localstack" -> localStackWithMoto(logDir, motoEnvironment);
            case "localstack-container", "floci-container" -> {
                ContainerEmulator c = ContainerEmulator.start(engine.substring(0, engine.indexOf('-')));
                yield new Emulator(
                        engine, Endpoints.resolve(c.endpoint(), Map.of()), engine + " at " + c.endpoint(), List.of(c));
            }
            default -> throw new IllegalArgumentException("unknown emulator " + engine + ": one of " + ENGINES);
        };
        e.endpoints.apply();
        Runtime.getRuntime().addShutdownHook(new Thread(e::stop, engine + "-stop"));
        return e;
    }

    /** Both servers start at once (LocalStack takes ~10 s, moto ~2 s); either failing stops the other. */
    private static Emulator localStackWithMoto(Path logDir, Map<String, String> motoEnvironment) {
        CompletableFuture<LocalStackServer> ls = CompletableFuture.supplyAsync(() -> LocalStackServer.start(logDir));
        MotoServer moto;
        try {
            moto = MotoServer.start(logDir, motoEnvironment);
        } catch (RuntimeException e) {
            ls.thenAccept(LocalStackServer::close);
            throw e;
        }
        LocalStackServer localstack;
        try {
            localstack = ls.join();
        } catch (CompletionException e) {
            moto.close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        Endpoints endpoints = Endpoints.resolve(
                localstack.endpoint(),
                Map.of(
                        Endpoints.Service.DYNAMODB,
                        moto.endpoint(),
                        Endpoints.Service.DYNAMODB_STREAMS,
                        moto.endpoint()));
        return new Emulator(
                "localstack", endpoints, "localstack at " + endpoints.describe(), List.of(localstack, moto));
    }

    /** Emulators accept any key; set dummy ones (as system properties) only where none are configured. */
    public static void defaultCredentials() {
        if (System.getenv("AWS_REGION") == null
                && System.getenv("AWS_DEFAULT_REGION") == null
                && System.getProperty("aws.region") == null) {
            // The region is the caller's choice; emulators serve any. This one only where nothing is configured.
            System.setProperty("aws.region", "us-east-1");
        }
        if (System.getenv("AWS_ACCESS_KEY_ID") == null && System.getProperty("aws.accessKeyId") == null) {
            System.setProperty("aws.accessKeyId", "test");
            System.setProperty("aws.secretAccessKey", "test");
        }
    }

    /** moto, localstack, localstack-container, floci-container or external. */
    public String engine() {
        return engine;
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /** The default endpoint (messaging on LocalStack's engine). */
    public URI endpoint() {
        return endpoints.defaultUrl();
    }

    /** True when this JVM started the servers (and stops them). */
    public boolean isEmbedded() {
        return !servers.isEmpty();
    }

    public boolean isMoto() {
        return engine.equals("moto");
    }

    public String description() {
        return description;
    }

    public synchronized void stop() {
        List<String> failures = new ArrayList<>();
        for (AutoCloseable s : servers) {
            try {
                s.close();
            } catch (Exception e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("cannot stop " + description + ": " + failures);
        }
    }
}
