package io.eventflow.emulator;

import java.net.URI;
import java.nio.file.Path;

/**
 * The AWS-API endpoint this JVM talks to. When {@code AWS_ENDPOINT_URL} is set (LocalStack, Floci, a real
 * account's endpoint...), that is used and nothing is started. Otherwise one moto server is started for
 * the whole JVM (or, with {@code -Deventflow.emulator=localstack|floci}, a container), published through the SDK's standard {@code aws.endpointUrl} system property, and stopped
 * when the JVM ends.
 */
public final class Emulator {
    private static Emulator shared;

    private final URI endpoint;
    private final String description;
    private final AutoCloseable moto;

    private Emulator(URI endpoint, String description, AutoCloseable moto) {
        this.endpoint = endpoint;
        this.description = description;
        this.moto = moto;
    }

    public static synchronized Emulator shared() {
        if (shared == null) {
            shared = start(RepoRoot.find().resolve("target/emulator"));
        }
        return shared;
    }

    /** An endpoint for this JVM, from the environment or a new moto server whose logs go to {@code logDir}. */
    public static Emulator start(Path logDir) {
        defaultCredentials();
        String external = System.getenv("AWS_ENDPOINT_URL");
        if (external != null && !external.isBlank()) {
            return new Emulator(URI.create(external), "external endpoint " + external, null);
        }
        String kind = System.getProperty("eventflow.emulator", "moto");
        if (!kind.equals("moto")) {
            ContainerEmulator container = ContainerEmulator.start(kind);
            System.setProperty("aws.endpointUrl", container.endpoint().toString());
            Runtime.getRuntime().addShutdownHook(new Thread(container::close, kind + "-stop"));
            return new Emulator(container.endpoint(), kind + " container at " + container.endpoint(), container);
        }
        MotoServer moto = MotoServer.start(logDir);
        System.setProperty("aws.endpointUrl", moto.endpoint().toString());
        Runtime.getRuntime().addShutdownHook(new Thread(moto::close, "moto-stop"));
        return new Emulator(moto.endpoint(), "moto server at " + moto.endpoint(), moto);
    }

    /** Emulators accept any key; set dummy ones (as system properties) only where none are configured. */
    private static void defaultCredentials() {
        if (System.getenv("AWS_REGION") == null && System.getProperty("aws.region") == null) {
            System.setProperty("aws.region", "us-east-1");
        }
        if (System.getenv("AWS_ACCESS_KEY_ID") == null && System.getProperty("aws.accessKeyId") == null) {
            System.setProperty("aws.accessKeyId", "test");
            System.setProperty("aws.secretAccessKey", "test");
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public boolean isMoto() {
        return moto instanceof MotoServer;
    }

    public String description() {
        return description;
    }

    public void stop() {
        if (moto != null) {
            try {
                moto.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop " + description + ": " + e.getMessage(), e);
            }
        }
    }
}
