package io.eventflow.templatechecks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.eventflow.emulator.RepoRoot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** cfn-lint (with its SAM transform) reports no error on template.yaml; warnings are printed, not fatal. */
class CfnLintTest {
    // parseable format: file:line:col:endLine:endCol:RuleId:message
    private static final Pattern FINDING = Pattern.compile("^[^:]+:\\d+:\\d+:\\d+:\\d+:([EWI]\\d+):.*$");

    @Test
    void templateHasNoCfnLintErrors() {
        Path cfnLint = Cli.venvTool("cfn-lint");
        assumeTrue(cfnLint != null, "skipped: .venv/bin/cfn-lint is missing (pip install -r requirements-dev.txt)");
        Path root = RepoRoot.find();

        Cli.Result result = Cli.run(
                List.of(cfnLint.toString(), "--format", "parseable", "template.yaml"),
                root,
                Map.of(),
                Duration.ofMinutes(3));

        List<String> findings = result.output()
                .lines()
                .filter(l -> FINDING.matcher(l).matches())
                .toList();
        List<String> errors = findings.stream()
                .filter(l -> FINDING.matcher(l).replaceFirst("$1").startsWith("E"))
                .toList();
        findings.stream().filter(l -> !errors.contains(l)).forEach(w -> System.out.println("cfn-lint: " + w));
        assertThat(errors).as("cfn-lint errors in template.yaml").isEmpty();
        // Exit code is a bit mask: 2 = errors, 4 = warnings, 8 = informational; anything else = cfn-lint failed.
        assertThat(result.exitCode() & ~(4 | 8))
                .as("cfn-lint exit code %s, output:%n%s", result.exitCode(), result.output())
                .isZero();
    }

    /** Informational checks too (I3011 deletion policies, I3013 retention...): template.yaml has no finding at all. */
    @Test
    void templateIsCleanWithInformationalChecks() {
        Path cfnLint = Cli.venvTool("cfn-lint");
        assumeTrue(cfnLint != null, "skipped: .venv/bin/cfn-lint is missing (pip install -r requirements-dev.txt)");

        Cli.Result result = Cli.run(
                List.of(cfnLint.toString(), "--include-checks", "I", "--format", "parseable", "template.yaml"),
                RepoRoot.find(),
                Map.of(),
                Duration.ofMinutes(3));

        assertThat(result.output()
                        .lines()
                        .filter(l -> FINDING.matcher(l).matches())
                        .toList())
                .as("cfn-lint --include-checks I findings")
                .isEmpty();
        assertThat(result.exitCode())
                .as("cfn-lint output:%n%s", result.output())
                .isZero();
    }
}
