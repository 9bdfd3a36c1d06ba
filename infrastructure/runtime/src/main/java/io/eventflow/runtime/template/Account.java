package io.eventflow.runtime.template;

import io.eventflow.aws.AwsClients;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Where the template is deployed: the partition and account the endpoint reports (STS GetCallerIdentity, which
 * moto, LocalStack and AWS all answer) and the region of the SDK's chain. ARNs are built in these, never in a
 * fixed account: moto and LocalStack each report their own default account, AWS the caller's.
 * <p>Source: https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html ("Account", "Arn").
 */
public record Account(String partition, String region, String id) {
    public Account {
        if (!id.matches("\\d{12}")) {
            throw new IllegalArgumentException("not an AWS account id: " + id);
        }
    }

    /**
     * A stand-in for reading the template before any endpoint is asked (checking names and the template itself):
     * all-zero account, never used for a request; whatever is started discovers the real one.
     */
    public static Account placeholder() {
        return new Account("aws", "us-east-1", "000000000000");
    }

    /** Asks the STS endpoint (AWS_ENDPOINT_URL_STS, else the default) who we are. */
    public static Account discover() {
        try (StsClient sts = AwsClients.configure(StsClient.builder()).build()) {
            GetCallerIdentityResponse me = sts.getCallerIdentity();
            return new Account(me.arn().split(":", 3)[1], AwsClients.region().id(), me.account());
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot discover the account: STS GetCallerIdentity failed at the endpoint ("
                    + e.getMessage() + ")", e);
        }
    }

    public String arn(String service, String resource) {
        return "arn:" + partition + ":" + service + ":" + region + ":" + id + ":" + resource;
    }
}
