package io.eventflow.email;

import io.eventflow.events.PermanentException;
import io.eventflow.events.RetryableException;
import io.eventflow.notification.UndeliverableException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ses.SesClient;

/**
 * {@link EmailSender} on SES SendEmail, from a verified sender identity, through the configuration set that
 * records bounces and complaints (template.yaml EmailConfigurationSet; SES publishes them as CloudWatch metrics).
 */
public final class SesEmailSender implements EmailSender {
    /** SES errors the same message will hit again. */
    /**
     * SES refused this message for good (SendEmail: "MessageRejected"): per message, so for this customer. A
     * systemic cause (sandbox, an unverified sender) refuses every message: the SkippedNotifications alarm.
     */
    private static final String REJECTED = "MessageRejected";

    private static final Set<String> PERMANENT = Set.of(
            "InvalidParameterValue",
            "MailFromDomainNotVerified",
            "MailFromDomainNotVerifiedException",
            "ConfigurationSetDoesNotExist");

    private final SesClient ses;
    private final String from;
    private final String configurationSet;

    /** @param configurationSet SES configuration set name, or null to send without one */
    public SesEmailSender(SesClient ses, String from, String configurationSet) {
        this.ses = ses;
        this.from = from;
        this.configurationSet = configurationSet;
    }

    public SesEmailSender(SesClient ses, String from) {
        this(ses, from, null);
    }

    @Override
    public String send(Email email) {
        try {
            return ses.sendEmail(b -> b.source(from)
                            .configurationSetName(configurationSet)
                            .destination(d -> d.toAddresses(email.to()))
                            .message(m -> m.subject(c -> c.charset("UTF-8").data(email.subject()))
                                    .body(body ->
                                            body.text(c -> c.charset("UTF-8").data(email.body())))))
                    .messageId();
        } catch (AwsServiceException e) {
            // The error code only: SES messages may quote addresses.
            String code = e.awsErrorDetails() == null
                    ? e.getClass().getSimpleName()
                    : e.awsErrorDetails().errorCode();
            if (REJECTED.equals(code)) {
                throw new UndeliverableException(code, "SES rejected the email: " + code);
            }
            if (PERMANENT.contains(code)) {
                throw new PermanentException("SES rejected the email: " + code);
            }
            throw new RetryableException("SES SendEmail failed: " + code);
        } catch (SdkException e) {
            throw new RetryableException("SES SendEmail failed: " + e.getClass().getSimpleName());
        }
    }
}
