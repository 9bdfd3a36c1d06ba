package io.eventflow.redrive;

import io.eventflow.events.PermanentException;

/** An SQS queue ARN, {@code arn:<partition>:sqs:<region>:<account>:<name>}, e.g. an EventBridge TARGET_ARN. */
record QueueArn(String region, String account, String name) {

    static QueueArn parse(String arn) {
        String[] p = arn == null ? new String[0] : arn.split(":", -1);
        if (p.length != 6 || !"arn".equals(p[0]) || !"sqs".equals(p[2]) || p[4].isBlank() || p[5].isBlank()) {
            throw new PermanentException("not an SQS queue ARN: " + arn);
        }
        return new QueueArn(p[3], p[4], p[5]);
    }
}
