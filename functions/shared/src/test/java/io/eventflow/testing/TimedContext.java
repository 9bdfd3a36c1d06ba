package io.eventflow.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * A Lambda context on a virtual clock: the remaining time only shrinks when the test spends it, so a deadline test
 * decides by what the handler did, not by how fast the machine ran it.
 */
public final class TimedContext implements Context {
    private long remainingMs;

    public TimedContext(long remainingMs) {
        this.remainingMs = remainingMs;
    }

    public void spend(long ms) {
        remainingMs -= ms;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, remainingMs);
    }

    @Override
    public String getAwsRequestId() {
        return "req-1";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/test";
    }

    @Override
    public String getLogStreamName() {
        return "test";
    }

    @Override
    public String getFunctionName() {
        return "test";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:000000000000:function:test";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return null;
    }
}
