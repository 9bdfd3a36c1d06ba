package io.eventflow.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * moto_patches.py changes what moto costs, never what it answers: check_patches.py runs the same requests on
 * unpatched and patched moto (rolled-back transactions on stream-enabled tables included) and on the pinned moto
 * only. Run inside {@code mvn verify} so no build uses the patches unchecked; the moto pass runs it (the
 * LocalStack pass uses the same moto for DynamoDB, already checked).
 */
@MotoOnly // checks moto itself, which the LocalStack pass uses unchanged for DynamoDB
class MotoPatchesIT {
    @Test
    void patchedMotoGivesTheAnswersOfUnpatchedMoto() throws Exception {
        String engine = Emulator.selectedEngine();
        Assumptions.assumeTrue(engine.equals("moto"), "the patch check runs in the moto pass (this is " + engine + ")");
        var dir = RepoRoot.find().resolve("infrastructure/emulator/moto");
        ProcessBuilder pb = new ProcessBuilder(List.of(MotoServer.python().toString(), "check_patches.py"))
                .directory(dir.toFile())
                .redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES))
                .as("check_patches.py finished")
                .isTrue();
        System.out.println(output);
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("same answers as unpatched moto")
                .contains("stream records after a rolled-back append");
    }
}
