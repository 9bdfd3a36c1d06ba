package io.eventflow.email;

import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ses.SesClient;

/** The email contract through SES on the emulator (which, like SES, only sends from verified identities). */
@ExtendWith(EmulatorExtension.class)
class SesEmailSenderIT extends EmailSenderContract {
    private static SesClient ses;
    private static String from;

    @BeforeAll
    static void verifySender() {
        ses = AwsClients.configure(SesClient.builder()).build();
        from = "orders-" + UUID.randomUUID().toString().substring(0, 8) + "@eventflow.example";
        ses.verifyEmailIdentity(b -> b.emailAddress(from));
    }

    @Override
    protected EmailSender sender() {
        return new SesEmailSender(ses, from);
    }

    @Override
    protected EmailSender unverifiedSender() {
        return new SesEmailSender(
                ses, "nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@unverified.example");
    }

    @Override
    protected long sentCount() {
        return Math.round(ses.getSendQuota().sentLast24Hours());
    }
}
