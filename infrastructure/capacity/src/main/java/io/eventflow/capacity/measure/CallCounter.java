package io.eventflow.capacity.measure;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every AWS call made in this JVM, by caller, in the units AWS bills. Registered for every SDK client
 * through the SDK's global interceptor file (software/amazon/awssdk/global/handlers/execution.interceptors), so
 * neither the functions nor the runtime change. The caller is the thread: the local runtime runs each function
 * on threads named (or grouped as) {@code fn-<LogicalId>[-<n>]} and its event-source pollers on
 * {@code sqs-<LogicalId> <- ...} / {@code stream-<LogicalId> <- ...} (Lambda's pollers, reported as
 * {@code ESM:<LogicalId>}); anything else is the {@code driver}. Counting is off until {@link #configure} names
 * the tables. Each service is counted by a class of its own, loaded only when that service is called: a function's
 * class loader need not hold the other services' SDK modules. Counting never fails a call.
 */
public final class CallCounter implements ExecutionInterceptor {
    /**
     * @param logicalId the template's name
     * @param keys the table's key attributes, partition key first
     * @param indexKeys global secondary index name -> its key attributes, partition key first
     */
    public record TableShape(String logicalId, List<String> keys, Map<String, List<String>> indexKeys) {}

    static final int CHUNK = 64 * 1024;

    public static void configure(Map<String, TableShape> byPhysicalName) {
        Map<String, Map<String, List<String>>> shared = Shared.tables();
        shared.clear();
        byPhysicalName.forEach((name, shape) -> {
            Map<String, List<String>> m = new LinkedHashMap<>();
            m.put("logicalId", List.of(shape.logicalId()));
            m.put("keys", List.copyOf(shape.keys()));
            shape.indexKeys().forEach((index, keys) -> m.put("index." + index, List.copyOf(keys)));
            shared.put(name, Map.copyOf(m));
        });
    }

    public static void disable() {
        Shared.tables().clear();
    }

    static boolean enabled() {
        return !Shared.tables().isEmpty();
    }

    /** The function or poller a thread works for; its thread group names it when the thread's own name does not. */
    static String caller(Thread thread) {
        String own = caller(thread.getName());
        if (!own.equals("driver") || thread.getThreadGroup() == null) {
            return own;
        }
        return caller(thread.getThreadGroup().getName());
    }

    static String caller(String thread) {
        if (thread.startsWith("fn-")) {
            // fn-<LogicalId>, or fn-<LogicalId>-<generation> for a function's execution environment
            return thread.substring(3).replaceFirst("-\\d+$", "");
        }
        if (thread.startsWith("sqs-") || thread.startsWith("stream-")) {
            String rest = thread.substring(thread.indexOf('-') + 1);
            int arrow = rest.indexOf(" <-");
            return "ESM:" + (arrow < 0 ? rest : rest.substring(0, arrow));
        }
        return "driver";
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (enabled()) {
            count(context.request(), context.response(), attributes, true);
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        // A write refused by its condition (or a cancelled transaction) still consumes write units.
        if (enabled()) {
            count(context.request(), null, attributes, false);
        }
    }

    private static void count(SdkRequest request, SdkResponse response, ExecutionAttributes attributes, boolean ok) {
        try {
            String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
            String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            String caller = caller(Thread.currentThread());
            String s = service == null
                    ? "unknown"
                    : service.toLowerCase(Locale.ROOT).replace(" ", "");
            boolean counted = switch (s) {
                case "dynamodb" -> DynamoCounting.count(caller, request, response, ok);
                case "sqs" -> ok && SqsCounting.count(caller, op, request, response);
                case "eventbridge" -> ok && MessagingCounting.putEvents(caller, request);
                case "sns" -> ok && MessagingCounting.publish(caller, request);
                case "ses" -> ok && MessagingCounting.sendEmail(caller, request);
                default -> false;
            };
            if (s.equals("dynamodb") && op != null) {
                Tally.GLOBAL.add(caller, "dynamodb.calls." + op, 1);
            } else if (!counted && ok) {
                Tally.GLOBAL.add(caller, s + ".other." + op, 1);
            }
        } catch (RuntimeException | LinkageError e) {
            // never fail the call being counted; a miss shows up as drift in CapacityInputsIT
            Tally.GLOBAL.add("driver", "capacity.countingErrors." + e.getClass().getSimpleName(), 1);
        }
    }

    static int chunks(int bytes) {
        return Math.max(1, (bytes + CHUNK - 1) / CHUNK);
    }

    static int utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }
}
