package io.eventflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.eventflow.emulator.Emulator;
import io.eventflow.emulator.MotoOnly;
import io.eventflow.emulator.RepoRoot;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo on an endpoint that reports another account than moto's default 123456789012: moto started with
 * MOTO_ACCOUNT_ID. Every ARN and queue URL must come from what the endpoint reports, or provisioning and delivery
 * break. (On the LocalStack engine DemoIT itself runs in LocalStack's own account, 000000000000; this class is for
 * the moto pass, and on LocalStack it checks the mixed case: messaging in 000000000000, DynamoDB in another.)
 */
@MotoOnly // an account moto reports; LocalStack's own (000000000000) is already not moto's
class OtherAccountDemoIT {
    private static final String ACCOUNT = "111122223333";
    private static Emulator emulator;

    @BeforeAll
    static void start() {
        String external = System.getenv("AWS_ENDPOINT_URL");
        assumeTrue(external == null || external.isBlank(), "an external endpoint reports its own account");
        emulator = Emulator.start(
                RepoRoot.find().resolve("target/emulator"),
                Emulator.selectedEngine(),
                Map.of("MOTO_ACCOUNT_ID", ACCOUNT));
        System.out.println("[eventflow] integration tests run against " + emulator.engine() + ": "
                + emulator.description() + " (moto account " + ACCOUNT + ")");
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.stop();
        }
    }

    @Test
    void theDemoRunsInTheAccountTheEndpointReports() throws Exception {
        String account = DemoIT.runAndCheck();
        assertThat(account).isNotEqualTo("123456789012");
        if (emulator.engine().equals("moto")) {
            assertThat(account).isEqualTo(ACCOUNT);
        }
    }
}
