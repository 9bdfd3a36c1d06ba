package io.eventflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.runtime.Cli;
import java.io.OutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The defaults every run gets, the CI run (`./eventflow chaos --orders 2000 --seed 42`) included. */
class ChaosMainTest {

    @Test
    void theDefaultRunHasAnOutageLongerThanARetryCountLastsAndFivePercentCrashes() {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        CommandLine cl = new Cli(nowhere, nowhere).commandLine();
        cl.parseArgs("chaos", "--orders", "2000", "--seed", "42");
        ChaosCommand chaos = cl.getSubcommands().get("chaos").getCommand();
        ChaosRun.Options options = chaos.options();
        FaultPlan o = options.faults();

        assertThat(o.outageSeconds()).isGreaterThanOrEqualTo(10);
        assertThat(o.crashRate()).isEqualTo(0.05);
        assertThat(o.duplicateRate()).isEqualTo(0.05);
        assertThat(o.reorderRate()).isEqualTo(0.05);
        assertThat(options.replay()).isTrue();
    }
}
