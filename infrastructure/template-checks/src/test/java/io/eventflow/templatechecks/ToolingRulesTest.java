package io.eventflow.templatechecks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The shape of the tools around the functions (the emulator support, the local runtime, the chaos run, the capacity
 * measurement, the test toolkit), checked on the compiled classes of every module:
 * <ul>
 *   <li>function code never depends on a tool: what deploys carries none of them;</li>
 *   <li>the tools are layered: the emulator support depends on no other tool, the runtime on neither the chaos run
 *       nor the capacity measurement, and no tool on the test toolkit (it is built on them, for tests);</li>
 *   <li>the runtime's function-running packages ({@code invoke}, {@code sources}) know nothing of the command line,
 *       the console or the operator verbs that drive them;</li>
 *   <li>no cycles between the packages of a tool.</li>
 * </ul>
 */
class ToolingRulesTest {
    static final String[] TOOLS = {
        "io.eventflow.emulator..",
        "io.eventflow.runtime..",
        "io.eventflow.chaos..",
        "io.eventflow.capacity..",
        "io.eventflow.testkit.."
    };

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.eventflow");

    @Test
    void functionCodeDependsOnNoTool() {
        noClasses()
                .that()
                .resideOutsideOfPackages(TOOLS)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(TOOLS)
                .because(
                        "a function's artifact is what deploys; the emulator, the runtime and the test tools are not in it")
                .check(CLASSES);
    }

    @Test
    void theEmulatorSupportDependsOnNoOtherTool() {
        noClasses()
                .that()
                .resideInAPackage("io.eventflow.emulator..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.eventflow.runtime..", "io.eventflow.chaos..", "io.eventflow.capacity..")
                .because("every test and every tool starts from it")
                .check(CLASSES);
    }

    @Test
    void theRuntimeDependsOnNeitherTheChaosRunNorTheCapacityMeasurement() {
        noClasses()
                .that()
                .resideInAPackage("io.eventflow.runtime..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.eventflow.chaos..", "io.eventflow.capacity..")
                .because("both drive the runtime; it does not know them")
                .check(CLASSES);
    }

    @Test
    void noToolDependsOnTheTestToolkit() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.eventflow.testkit..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.eventflow.testkit..")
                .because(
                        "the toolkit drives the runtime and the chaos proxy from tests; nothing that runs depends on it")
                .check(CLASSES);
    }

    @Test
    void runningFunctionsKnowsNothingOfTheCommandLineOrTheConsole() {
        noClasses()
                .that()
                .resideInAnyPackage("io.eventflow.runtime.invoke..", "io.eventflow.runtime.sources..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.eventflow.runtime.cli..",
                        "io.eventflow.runtime.console..",
                        "io.eventflow.runtime.ops..",
                        "io.eventflow.runtime.bench..")
                .because(
                        "the sandbox and the event sources are the runtime's core; the verbs and the console are built on them")
                .check(CLASSES);
    }

    @Test
    void noCyclesBetweenTheRuntimesPackages() {
        slices().matching("io.eventflow.runtime.(*)..")
                .should()
                .beFreeOfCycles()
                .check(CLASSES);
    }

    @Test
    void noCyclesBetweenTheCapacityMeasurementsPackages() {
        slices().matching("io.eventflow.capacity.(*)..")
                .should()
                .beFreeOfCycles()
                .check(CLASSES);
    }

    @Test
    void noCyclesBetweenTheTopLevelPackagesOfFunctionsAndTools() {
        slices().matching("io.eventflow.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
