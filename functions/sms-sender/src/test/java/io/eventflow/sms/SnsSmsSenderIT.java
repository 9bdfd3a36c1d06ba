package io.eventflow.sms;

import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sns.SnsClient;

/** The SMS contract through SNS Publish (PhoneNumber) on the emulator. */
@ExtendWith(EmulatorExtension.class)
class SnsSmsSenderIT extends SmsSenderContract {
    private static SnsSmsSender sender;

    @BeforeAll
    static void client() {
        sender = new SnsSmsSender(AwsClients.configure(SnsClient.builder()).build());
    }

    @Override
    protected SmsSender sender() {
        return sender;
    }
}
