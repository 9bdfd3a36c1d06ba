package io.eventflow.templatechecks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.eventflow.emulator.RepoRoot;
import io.eventflow.emulator.Template;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sam build} through the root Makefile produces, per function, its own classes at the root and only its
 * runtime jars in lib/ (shared code, the SDK clients it calls, no Apache/Netty HTTP clients, no other function).
 * The reactor is built in a staged copy (EVENTFLOW_REACTOR_DIR) so the checkout's target/ dirs stay untouched.
 * Then every built artifact handles all its sample events in a fresh JVM ({@link LoadedJars}): it must carry no
 * jar from which it loads no class, unless docs/PERFORMANCE.md's allow-list names the jar and why.
 */
class SamBuildIT {
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(15);

    /** Every function has eventflow-shared and the URLConnection client. */
    private static final List<String> COMMON_JARS =
            List.of("eventflow-shared", "url-connection-client", "aws-lambda-java-core");
    /**
     * SDK service clients a function needs (alternatives separated by '|'); all but the relay (EventBridge only) and
     * DlqRedrive (SQS only) keep state in DynamoDB. The provider consumers also defer messages on SQS while their
     * circuit breaker (resilience4j) is open.
     */
    private static final Map<String, List<String>> SERVICE_JARS = Map.ofEntries(
            Map.entry("OrderApiFunction", List.of("dynamodb")),
            Map.entry("EventRelayFunction", List.of("eventbridge")),
            Map.entry("ProjectorFunction", List.of("dynamodb")),
            Map.entry("ProjectorRepairFunction", List.of("dynamodb")),
            Map.entry("InventoryFunction", List.of("dynamodb")),
            Map.entry("PaymentFunction", List.of("dynamodb", "sqs", "resilience4j-circuitbreaker")),
            Map.entry("OrderSagaFunction", List.of("dynamodb")),
            Map.entry("ShippingFunction", List.of("dynamodb")),
            Map.entry("NotifierFunction", List.of("dynamodb", "sns")),
            Map.entry("EmailSenderFunction", List.of("dynamodb", "sesv2|ses", "sqs", "resilience4j-circuitbreaker")),
            Map.entry("SmsSenderFunction", List.of("dynamodb", "sns", "sqs", "resilience4j-circuitbreaker")),
            Map.entry("ReplayFunction", List.of("dynamodb", "eventbridge", "sqs")),
            Map.entry("DlqRedriveFunction", List.of("sqs")));

    private static final List<String> FORBIDDEN_JARS = List.of(
            "apache-client",
            "apache5-client",
            "httpclient5",
            "netty-nio-client",
            "junit-jupiter-api",
            "eventflow-emulator",
            // no function reads YAML (it came with json-schema-validator). joda-time stays: the Lambda runtime's event
            // serializer loads org.joda.time.DateTime from the function's class loader (functions/shared/pom.xml).
            "jackson-dataformat-yaml",
            "snakeyaml",
            // SDK warnings go to the JSON log through eventflow-shared's SLF4J provider, not into slf4j-nop
            "slf4j-nop",
            "slf4j-simple",
            "logback-classic");

    @Test
    void samBuildPackagesEachFunctionWithOnlyWhatItNeeds(@TempDir Path tmp) throws Exception {
        Path sam = Cli.venvTool("sam");
        assumeTrue(
                sam != null,
                "skipped: .venv/bin/sam is missing (python -m venv .venv && .venv/bin/pip install -r "
                        + "requirements-dev.txt)");
        Path root = RepoRoot.find();
        Path buildDir = tmp.resolve("build");
        String javaHome = System.getenv().getOrDefault("JAVA_HOME", System.getProperty("java.home"));

        List<String> command = List.of(
                sam.toString(),
                "build",
                "--build-in-source",
                "--template-file",
                root.resolve("template.yaml").toString(),
                "--build-dir",
                buildDir.toString());
        long started = System.nanoTime();
        Cli.Result result = Cli.run(
                command,
                root,
                Map.of(
                        "JAVA_HOME",
                        javaHome,
                        "PATH",
                        javaHome + "/bin:" + System.getenv("PATH"),
                        "EVENTFLOW_REACTOR_DIR",
                        tmp.resolve("reactor").toString()),
                BUILD_TIMEOUT);
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        assertThat(result.exitCode())
                .as("%s%n%s", String.join(" ", command), result.output())
                .isZero();

        Architecture architecture = Architecture.load();
        Template built = Template.load(buildDir.resolve("template.yaml"));
        SoftAssertions soft = new SoftAssertions();
        List<String> report = new ArrayList<>();
        report.add("sam build (reactor + " + architecture.functions().size() + " artifacts) took " + seconds + " s: "
                + String.join(" ", command));
        for (Architecture.Function f : architecture.functions().values()) {
            Path artifact = buildDir.resolve(f.logicalId());
            soft.assertThat(built.properties(f.logicalId(), Wiring.FUNCTION).get("CodeUri"))
                    .as("built CodeUri of %s", f.logicalId())
                    .isEqualTo(f.logicalId());
            String handlerClass = f.handler().split("::")[0];
            soft.assertThat(artifact.resolve(handlerClass.replace('.', '/') + ".class"))
                    .as("handler class in %s", f.logicalId())
                    .isRegularFile();

            List<String> jars = jars(artifact.resolve("lib"));
            for (String needed : COMMON_JARS) {
                soft.assertThat(hasJar(jars, needed))
                        .as("%s lib/ has %s", f.logicalId(), needed)
                        .isTrue();
            }
            for (String needed : SERVICE_JARS.getOrDefault(f.logicalId(), List.of())) {
                soft.assertThat(hasJar(jars, needed))
                        .as("%s lib/ has %s", f.logicalId(), needed)
                        .isTrue();
            }
            jars.stream()
                    .filter(j -> j.startsWith("eventflow-shared"))
                    .findFirst()
                    .ifPresent(shared -> soft.assertThat(jarHas(
                                    artifact.resolve("lib").resolve(shared), "io/eventflow/aws/AwsClients.class"))
                            .as("%s: shared classes in %s", f.logicalId(), shared)
                            .isTrue());
            jars.stream()
                    .filter(j -> j.startsWith("eventflow-shared"))
                    .findFirst()
                    .ifPresent(shared -> soft.assertThat(jarHas(
                                    artifact.resolve("lib").resolve(shared),
                                    "META-INF/services/org.slf4j.spi.SLF4JServiceProvider"))
                            .as("%s: the JSON SLF4J provider in %s", f.logicalId(), shared)
                            .isTrue());
            for (String forbidden : FORBIDDEN_JARS) {
                soft.assertThat(hasJar(jars, forbidden))
                        .as("%s lib/ must not have %s", f.logicalId(), forbidden)
                        .isFalse();
            }
            soft.assertThat(jars.stream().filter(j -> j.startsWith("eventflow-") && !j.startsWith("eventflow-shared")))
                    .as("%s lib/ must not carry other eventflow modules", f.logicalId())
                    .isEmpty();
            for (Architecture.Function other : architecture.functions().values()) {
                if (!other.equals(f)) {
                    String otherPackage = packageDir(other.handler());
                    if (!otherPackage.equals(packageDir(f.handler()))) {
                        soft.assertThat(artifact.resolve(otherPackage))
                                .as("%s must not hold %s's classes", f.logicalId(), other.logicalId())
                                .doesNotExist();
                    }
                }
            }
            report.add(String.format("%-20s %7d KB  %3d jars", f.logicalId(), sizeKb(artifact), jars.size()));
        }
        report.addAll(LoadedJars.check(architecture, buildDir, tmp.resolve("class-load"), soft));
        report.forEach(System.out::println);
        Files.write(root.resolve("infrastructure/template-checks/target/sam-build-artifacts.txt"), report);
        soft.assertAll();
    }

    private static String packageDir(String handler) {
        String cls = handler.split("::")[0];
        return cls.substring(0, cls.lastIndexOf('.')).replace('.', '/');
    }

    private static List<String> jars(Path lib) {
        if (!Files.isDirectory(lib)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(lib)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".jar"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "sns" matches sns-2.57.8.jar, not sns-something-2.57.8.jar; "a|b" = either. */
    private static boolean hasJar(List<String> jars, String names) {
        Set<String> alternatives = Set.of(names.split("\\|"));
        return jars.stream().anyMatch(j -> alternatives.stream().anyMatch(a -> isJar(j, a)));
    }

    static boolean isJar(String jar, String artifactId) {
        return jar.matches(java.util.regex.Pattern.quote(artifactId) + "-\\d.*\\.jar");
    }

    private static boolean jarHas(Path jar, String entry) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getEntry(entry) != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static long sizeKb(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                            .mapToLong(p -> p.toFile().length())
                            .sum()
                    / 1024;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
