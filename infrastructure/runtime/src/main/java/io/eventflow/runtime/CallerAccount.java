package io.eventflow.runtime;

import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.template.Account;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * The account the template is deployed in, as the endpoint reports it: STS GetCallerIdentity (which moto,
 * LocalStack and AWS all answer) gives the partition and account, the SDK's chain the region.
 * <p>Source: https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html ("Account", "Arn").
 */
public final class CallerAccount {
    private CallerAccount() {}

    /** Asks the STS endpoint (AWS_ENDPOINT_URL_STS, else the default) who we are. */
    public static Account discover() {
        try (StsClient sts = AwsClients.configure(StsClient.builder()).build()) {
            GetCallerIdentityResponse me = sts.getCallerIdentity();
            return new Account(me.arn().split(":", 3)[1], AwsClients.region().id(), me.account());
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "cannot discover the account: STS GetCallerIdentity failed at the endpoint (" + e.getMessage()
                            + ")",
                    e);
        }
    }
}
