package io.eventflow.aws;

import java.time.Duration;

/**
 * The time arithmetic of one invocation, in one place: how long an SDK call may take, how many of them one
 * message makes one after another, and from that how much time a consumer keeps in hand before it starts a
 * message, the function timeout and the queues' visibility timeout. template.yaml repeats the last two (a
 * template cannot read Java); DeployHardeningTest and WiringTest hold it to these values.
 *
 * <p>A message started with less time left than its worst case can be cut off by the function timeout, which
 * fails the whole batch, the messages already handled included; so a consumer starts a message only while
 * more than {@link #SQS_STOP_MARGIN} remains and reports the rest as batch item failures.
 */
public final class Deadlines {
    /** One HTTP attempt; a DynamoDB or SQS call normally answers in milliseconds. */
    public static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(4);
    /** One SDK call including its retries (standard mode: 3 attempts with backoff). */
    public static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(10);
    /**
     * The most SDK calls one message makes one after another: the notifier and the senders put an INPROGRESS
     * record, read the store, publish or send, and complete the record.
     */
    public static final int MAX_SEQUENTIAL_CALLS_PER_MESSAGE = 4;
    /** One message whose every call runs into its timeout. */
    public static final Duration MESSAGE_WORST_CASE = API_CALL_TIMEOUT.multipliedBy(MAX_SEQUENTIAL_CALLS_PER_MESSAGE);
    /** Returning the batch response and writing the last log lines. */
    public static final Duration RESPONSE_TIME = Duration.ofSeconds(2);
    /** An SQS consumer starts no message with this much time left or less. */
    public static final Duration SQS_STOP_MARGIN = MESSAGE_WORST_CASE.plus(RESPONSE_TIME);
    /**
     * The relay makes one PutEvents call (at most 10 entries) at a time, after a backoff of at most a few
     * hundred milliseconds: it starts none with this much time left or less.
     */
    public static final Duration RELAY_STOP_MARGIN = API_CALL_TIMEOUT.plus(RESPONSE_TIME);
    /**
     * Function timeout (template.yaml Globals): the stop margin plus room to start messages (the notifier's
     * read-ahead call included).
     */
    public static final int FUNCTION_TIMEOUT_SECONDS = 60;
    /** Every consumer queue's VisibilityTimeout: 6 x the function timeout, AWS's guidance for SQS sources
     * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html). */
    public static final int VISIBILITY_TIMEOUT_SECONDS = 6 * FUNCTION_TIMEOUT_SECONDS;

    private Deadlines() {}
}
