package io.eventflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.emulator.RepoRoot;
import io.eventflow.emulator.template.Model;
import io.eventflow.runtime.invoke.FunctionCode;
import io.eventflow.runtime.invoke.FunctionContainer;
import io.eventflow.runtime.invoke.InvocationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What passes locally is what deploys: a function runs from its artifact's classpath alone, so an artifact that
 * lacks a jar fails locally the way it would fail on Lambda (here: InventoryFunction without the DynamoDB SDK).
 */
class ArtifactIsolationTest {
    private static final Path MODULE = RepoRoot.find().resolve("functions/inventory");

    private static Model.Function inventory() {
        return new Model.Function(
                "InventoryFunction",
                "eventflow-inventory-test",
                "arn:aws:lambda:us-east-1:123456789012:function:eventflow-inventory-test",
                "io.eventflow.inventory.InventoryHandler::handleRequest",
                10,
                512,
                Map.of("EVENT_STORE_TABLE", "t", "IDEMPOTENCY_TABLE", "t", "INVENTORY_TABLE", "t"),
                List.of());
    }

    /** Lays out a sam build artifact (classes at the root, jars in lib/) from the module, leaving out one jar. */
    private static Path artifactWithout(Path dir, String jarPrefix) throws IOException {
        FunctionCode module = FunctionCode.fromModule("InventoryFunction", MODULE);
        Files.createDirectories(dir.resolve("lib"));
        for (Path entry : module.classpath()) {
            if (Files.isDirectory(entry)) {
                try (var files = Files.walk(entry)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        Path to = dir.resolve(entry.relativize(f).toString());
                        Files.createDirectories(to.getParent());
                        Files.copy(f, to);
                    }
                }
            } else if (!entry.getFileName().toString().startsWith(jarPrefix)) {
                Files.copy(entry, dir.resolve("lib").resolve(entry.getFileName()));
            }
        }
        return dir;
    }

    @Test
    void anArtifactWithoutTheDynamoDbJarFailsAtInitNamingTheMissingClass(@TempDir Path tmp) throws IOException {
        Path artifact = artifactWithout(tmp.resolve("InventoryFunction"), "dynamodb-");
        Recorded log = Recorded.log();
        FunctionContainer c = new FunctionContainer(
                inventory(), FunctionCode.fromArtifact("InventoryFunction", artifact), Map.of(), log);
        InvocationResult r = c.invoke("{\"Records\":[]}");
        assertThat(r).isInstanceOfSatisfying(InvocationResult.Failure.class, f -> {
            assertThat(f.errorType()).isEqualTo("Runtime.InitError");
            assertThat(f.errorMessage())
                    .contains("InventoryFunction: init failed: java.lang.NoClassDefFoundError")
                    .contains("software/amazon/awssdk/services/dynamodb/")
                    .contains("not in its artifact");
            System.out.println("artifact without dynamodb-*.jar -> " + f.errorJson());
        });
        c.close();
    }

    @Test
    void theCompleteArtifactInitialises(@TempDir Path tmp) throws IOException {
        Path artifact = artifactWithout(tmp.resolve("InventoryFunction"), "no-such-jar");
        FunctionContainer c = new FunctionContainer(
                inventory(),
                FunctionCode.fromArtifact("InventoryFunction", artifact),
                Map.of("AWS_REGION", "us-east-1"),
                Recorded.log());
        // the handler is built (init: its SDK clients from the artifact's jars) and answers an empty batch
        InvocationResult r = c.invoke("{\"Records\":[]}");
        assertThat(r)
                .isInstanceOfSatisfying(
                        InvocationResult.Success.class,
                        s -> assertThat(s.payload()).isEqualTo("{\"batchItemFailures\":[]}"));
        c.close();
    }
}
