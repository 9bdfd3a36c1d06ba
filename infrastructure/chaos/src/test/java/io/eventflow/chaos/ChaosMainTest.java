package io.eventflow.chaos;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The defaults every run gets, the CI run (`./eventflow chaos --orders 2000 --seed 42`) included. */
class ChaosMainTest {

    @Test
    void theDefaultRunHasAnOutageLongerThanARetryCountLastsAndFivePercentCrashes() {
        ChaosRun.Options o = ChaosMain.options(ChaosMain.parse(new String[]{"--orders", "2000", "--seed", "42"}));

        assertThat(o.outageSeconds()).isGreaterThanOrEqualTo(10);
        assertThat(o.crashRate()).isEqualTo(0.05);
        assertThat(o.duplicateRate()).isEqualTo(0.05);
        assertThat(o.reorderRate()).isEqualTo(0.05);
        assertThat(o.replay()).isTrue();
    }
}
