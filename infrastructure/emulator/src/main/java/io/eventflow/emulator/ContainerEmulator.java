package io.eventflow.emulator;

import java.net.URI;
import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalStack or Floci in a container, for the opt-in {@code -Plocalstack} / {@code -Pfloci} profiles.
 * Plain Testcontainers {@link GenericContainer}: both speak the AWS APIs on port 4566, so one class serves
 * both and the tests stay identical. Images are overridable ({@code -Dlocalstack.image}, {@code -Dfloci.image}).
 */
final class ContainerEmulator implements AutoCloseable {
    private final GenericContainer<?> container;

    private ContainerEmulator(GenericContainer<?> container) {
        this.container = container;
    }

    static ContainerEmulator start(String kind) {
        String image = switch (kind) {
            case "localstack" -> System.getProperty("localstack.image", "localstack/localstack:4");
            case "floci" -> System.getProperty("floci.image", "floci/floci:latest");
            default -> throw new IllegalArgumentException("unknown container emulator " + kind);
        };
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(image))
                .withExposedPorts(4566)
                .withEnv("SERVICES", "dynamodb,dynamodbstreams,sqs,sns,events,ses")
                .waitingFor(Wait.forListeningPort())
                .withStartupTimeout(Duration.ofMinutes(3));
        c.start();
        return new ContainerEmulator(c);
    }

    URI endpoint() {
        return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(4566));
    }

    @Override
    public void close() {
        container.stop();
    }
}
