package io.eventflow.emulator.template;

/**
 * Where the template is deployed: the partition and account the endpoint reports (the runtime asks STS
 * GetCallerIdentity: {@code io.eventflow.runtime.CallerAccount}) and the region of the SDK's chain. ARNs are built
 * in these, never in a fixed account: moto and LocalStack each report their own default account, AWS the caller's.
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

    public String arn(String service, String resource) {
        return "arn:" + partition + ":" + service + ":" + region + ":" + id + ":" + resource;
    }
}
