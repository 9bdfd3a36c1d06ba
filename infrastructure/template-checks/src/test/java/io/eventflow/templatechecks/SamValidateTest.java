package io.eventflow.templatechecks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.eventflow.emulator.RepoRoot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SAM transform accepts template.yaml ({@code sam validate --lint}; needs no AWS account). */
class SamValidateTest {
    @Test
    void samValidateWithLintPasses() {
        Path sam = Cli.venvTool("sam");
        assumeTrue(sam != null, "skipped: .venv/bin/sam is missing (pip install -r requirements-dev.txt)");

        Cli.Result result = Cli.run(
                List.of(
                        sam.toString(),
                        "validate",
                        "--lint",
                        "--region",
                        "us-east-1",
                        "--template-file",
                        "template.yaml"),
                RepoRoot.find(),
                Map.of(),
                Duration.ofMinutes(3));

        System.out.println(result.output());
        assertThat(result.exitCode())
                .as("sam validate --lint output:%n%s", result.output())
                .isZero();
        assertThat(result.output()).contains("is a valid SAM Template");
    }
}
