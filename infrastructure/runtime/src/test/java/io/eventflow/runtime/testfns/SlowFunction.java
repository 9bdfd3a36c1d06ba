package io.eventflow.runtime.testfns;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Map;

/** Test handler with a POJO input and a method handler: sleeps for "sleepMs". */
public class SlowFunction {
    public record Input(long sleepMs, String name) {}

    public Map<String, Object> handle(Input input, Context context) throws InterruptedException {
        Thread.sleep(input.sleepMs());
        return Map.of("hello", input.name(), "remainingMs", context.getRemainingTimeInMillis());
    }
}
