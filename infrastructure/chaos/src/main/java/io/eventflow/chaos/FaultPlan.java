package io.eventflow.chaos;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which faults happen, as a pure function of the seed and a stable key of what is delivered (queue, order
 * number, event type, sequence), never of a shared Random: thread scheduling cannot change the decisions,
 * and the same seed faults the same messages of the same orders.
 */
public record FaultPlan(
        long seed,
        double duplicateRate,
        double reorderRate,
        double crashRate,
        double poisonRate,
        int outageSeconds,
        double streamReorderRate,
        int providerOutageSeconds) {
    /** The provider outage's first refused call is one of these (1-based) provider calls of the run. */
    static final int PROVIDER_OUTAGE_FIRST_CALL = 10;

    static final int PROVIDER_OUTAGE_CALL_SPREAD = 20;

    /** Without a provider outage. */
    public FaultPlan(
            long seed,
            double duplicateRate,
            double reorderRate,
            double crashRate,
            double poisonRate,
            int outageSeconds,
            double streamReorderRate) {
        this(seed, duplicateRate, reorderRate, crashRate, poisonRate, outageSeconds, streamReorderRate, 0);
    }

    public FaultPlan {
        for (double r : new double[] {duplicateRate, reorderRate, crashRate, poisonRate, streamReorderRate}) {
            if (r < 0 || r > 1) {
                throw new IllegalArgumentException("rates are between 0 and 1, got " + r);
            }
        }
        if (outageSeconds < 0) {
            throw new IllegalArgumentException("--outage-seconds must be >= 0");
        }
        if (providerOutageSeconds < 0) {
            throw new IllegalArgumentException("--provider-outage-seconds must be >= 0");
        }
    }

    /** A first delivery whose delete is dropped, so it comes back after its visibility timeout. */
    public boolean duplicate(String deliveryKey) {
        return unit("duplicate", deliveryKey) < duplicateRate;
    }

    /** A first delivery whose whole batch "crashes" after the handler ran: no delete of any message in it. */
    public boolean crash(String deliveryKey) {
        return unit("crash", deliveryKey) < crashRate;
    }

    /**
     * A first delivery held back from the SQS receive that fetched it: it comes back after its visibility
     * timeout, behind later events of the same order (standard SQS and EventBridge do not keep order).
     */
    public boolean reorder(String deliveryKey) {
        return unit("reorder", deliveryKey) < reorderRate;
    }

    /** Where a message goes when a receive's batch is shuffled (standard SQS keeps no order in a batch). */
    public double rank(String deliveryKey) {
        return unit("rank", deliveryKey);
    }

    /**
     * A DynamoDB stream record moved behind the rest of its GetRecords page. Off by default: a shard's order
     * is an AWS guarantee the runtime's checkpointing and the projector rely on, so this breaks the platform,
     * not the application (see the report).
     */
    public boolean streamReorder(String recordKey) {
        return unit("stream-reorder", recordKey) < streamReorderRate;
    }

    /** Order {@code n} is followed by a poison message. */
    public boolean poison(int orderNumber) {
        return unit("poison", Integer.toString(orderNumber)) < poisonRate;
    }

    /** The order number whose placement starts the outage (in the middle half of the run). */
    public int outageStartOrder(int orders) {
        return (int) (orders * (0.25 + 0.5 * unit("outage", "start")));
    }

    /**
     * The provider call (SES SendEmail, SNS Publish to a phone number; 1-based, as they reach the proxy) that starts
     * the provider outage: early in any run (10th to 29th), so the messages it defers come back long before the end.
     */
    public int providerOutageStartCall() {
        return PROVIDER_OUTAGE_FIRST_CALL + (int) (PROVIDER_OUTAGE_CALL_SPREAD * unit("provider-outage", "start"));
    }

    /** A uniform draw in [0, 1) from (seed, kind, key): the first 53 bits of SHA-256. */
    public double unit(String kind, String key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] h = sha.digest((seed + "|" + kind + "|" + key).getBytes(StandardCharsets.UTF_8));
            long bits = 0;
            for (int i = 0; i < 8; i++) {
                bits = (bits << 8) | (h[i] & 0xff);
            }
            return (bits >>> 11) * 0x1.0p-53;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
