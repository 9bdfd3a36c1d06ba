package io.eventflow.templatechecks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The code's shape, checked on the compiled classes of eventflow-shared and every function ("thin handlers,
 * plain domain"):
 * <ul>
 *   <li>domain code imports no AWS SDK, no Lambda types, no Jackson tree types and no SDK client settings: the
 *       domain packages ({@code io.eventflow.order}, {@code io.eventflow.notification} except {@code Notification},
 *       whose SNS-envelope parser is a boundary codec still living there) and every class of a function's package
 *       ({@link #FUNCTION_PACKAGES}) but its handler, its adapters and its boundary codecs ({@link #CODECS}: HTTP,
 *       JSON-schema, message and DynamoDB-item codecs). A new class is domain code unless it is one of those;</li>
 *   <li>the AWS SDK is used only at the edge: adapters, handlers, the SDK wiring and item codecs;</li>
 *   <li>handlers only wire: nothing depends on a handler, and a handler calls no AWS API itself (no SDK request
 *       or response model types: that is an adapter's job);</li>
 *   <li>no cycles between the top-level packages.</li>
 * </ul>
 */
class ArchitectureRulesTest {
    private static final Pattern TOOL_LOCATION =
            Pattern.compile(".*(/infrastructure/(chaos|capacity)/|eventflow-(chaos|capacity)-).*");
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // the local runtime is on this module's test classpath for SamBuildIT's class-load check; its rules are not
            // these
            .withImportOption(location ->
                    !location.contains("/infrastructure/runtime/") && !location.contains("eventflow-runtime-"))
            // the tools (ToolingRulesTest has their rules) are on it for those rules
            .withImportOption(location -> !location.matches(TOOL_LOCATION))
            .importPackages("io.eventflow");
    /** The functions' packages: those of the handlers the architecture table names (io.eventflow.inventory, ...). */
    static final Set<String> FUNCTION_PACKAGES = Architecture.load().functions().values().stream()
            .map(f -> f.handler().replaceFirst("::.*", ""))
            .map(handler -> handler.substring(0, handler.lastIndexOf('.')))
            .collect(Collectors.toUnmodifiableSet());

    /** Boundary code in a function's package that is neither its handler nor an adapter: HTTP, JSON-schema, message and item codecs. */
    static final Set<String> CODECS = Set.of(
            "OrderApi",
            "HttpResponse",
            "JsonBody",
            "OrderRequestSchema",
            "DeadLetterPreview",
            "StockSeed",
            "OrderViewItems");

    /** A port's implementation on an AWS service, named for it. */
    private static final String ADAPTER = "(DynamoDb|Sqs|Sns|Ses|EventBridge).*";

    private static final DescribedPredicate<JavaClass> DOMAIN = new DescribedPredicate<>("domain code") {
        @Override
        public boolean test(JavaClass c) {
            String top = topLevel(c).getSimpleName();
            String pkg = c.getPackageName();
            boolean inAFunction = FUNCTION_PACKAGES.stream().anyMatch(f -> pkg.equals(f) || pkg.startsWith(f + "."));
            return pkg.startsWith("io.eventflow.order") && !pkg.startsWith("io.eventflow.orderapi")
                    || pkg.startsWith("io.eventflow.notification") && !top.equals("Notification")
                    || inAFunction && !top.endsWith("Handler") && !top.matches(ADAPTER) && !CODECS.contains(top);
        }
    };

    private static JavaClass topLevel(JavaClass c) {
        JavaClass t = c;
        while (t.getEnclosingClass().isPresent()) {
            t = t.getEnclosingClass().get();
        }
        return t;
    }

    @Test
    void domainCodeImportsNoAwsSdkLambdaOrJacksonTreeTypes() {
        noClasses()
                .that(DOMAIN)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "software.amazon.awssdk..",
                        "com.amazonaws.services.lambda..",
                        "com.fasterxml.jackson.databind.node..",
                        "io.eventflow.aws..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("com.fasterxml.jackson.databind.JsonNode")
                .because("domain logic is pure: ports are interfaces, adapters and handlers deal with AWS and JSON")
                .check(CLASSES);
    }

    @Test
    void everyFunctionPackageIsImportedAndEveryExemptCodecExists() {
        Set<String> packages = CLASSES.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
        assertThat(packages).containsAll(FUNCTION_PACKAGES);
        Set<String> inFunctions = CLASSES.stream()
                .filter(c -> FUNCTION_PACKAGES.contains(c.getPackageName()))
                .map(JavaClass::getSimpleName)
                .collect(Collectors.toSet());
        assertThat(inFunctions).as("codecs exempt from the domain rule").containsAll(CODECS);
    }

    private static final DescribedPredicate<JavaClass> HANDLER = new DescribedPredicate<>("a handler") {
        @Override
        public boolean test(JavaClass c) {
            // the project's handlers; Lambda's RequestHandler interface is what priming calls them through
            return c.getPackageName().startsWith("io.eventflow")
                    && topLevel(c).getSimpleName().endsWith("Handler");
        }
    };

    @Test
    void nothingDependsOnAHandler() {
        noClasses()
                .that(DescribedPredicate.not(HANDLER))
                .should()
                .dependOnClassesThat(HANDLER)
                .because("handlers are entry points that wire; nothing builds on them")
                .check(CLASSES);
    }

    @Test
    void handlersCallNoAwsApiThemselves() {
        noClasses()
                .that(HANDLER)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("software.amazon.awssdk.services.*.model..")
                .because("a handler parses the event, calls a service and maps the result; AWS calls live in adapters")
                .check(CLASSES);
    }

    /**
     * Where the AWS SDK is spoken: the adapters (named for the service they implement a port on), the handlers that
     * build them, the SDK client wiring ({@code io.eventflow.aws}, {@code io.eventflow.priming}, and
     * {@code io.eventflow.wiring}, which builds the stores over a client) and the DynamoDB
     * item codecs beside the adapters.
     */
    private static final DescribedPredicate<JavaClass> AWS_EDGE =
            new DescribedPredicate<>("an adapter, a handler, SDK wiring or an item codec") {
                @Override
                public boolean test(JavaClass c) {
                    String top = topLevel(c).getSimpleName();
                    String pkg = c.getPackageName();
                    return top.matches(ADAPTER)
                            || top.matches(".*Handler|.*Items?")
                            || pkg.startsWith("io.eventflow.aws")
                            || pkg.startsWith("io.eventflow.priming")
                            || pkg.startsWith("io.eventflow.wiring");
                }
            };

    @Test
    void onlyTheEdgeUsesTheAwsSdk() {
        noClasses()
                .that(DescribedPredicate.not(AWS_EDGE))
                .and()
                .resideOutsideOfPackages(ToolingRulesTest.TOOLS)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("software.amazon.awssdk..")
                .because("a port's contract (its interface, values and exceptions) is in the domain's terms; "
                        + "AWS types stay in the adapter that implements it and its twin needs none")
                .check(CLASSES);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.eventflow.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
