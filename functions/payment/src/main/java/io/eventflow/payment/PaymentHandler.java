package io.eventflow.payment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.eventflow.aws.AwsClients;
import io.eventflow.aws.Environment;
import io.eventflow.lambda.MessageDelay;
import io.eventflow.lambda.SqsBatch;
import io.eventflow.lambda.SqsMessageDelay;
import io.eventflow.priming.Priming;
import io.eventflow.priming.PrimingAws;
import io.eventflow.priming.PrimingOrder;
import io.eventflow.wiring.Stores;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** PaymentFunction: SQS PaymentQueue (InventoryReserved), partial batch failures. */
public final class PaymentHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final PaymentService service;
    private final SqsBatch batch;

    /** Lambda's entry: one instance per container, wired from the environment. */
    public PaymentHandler() {
        this(
                fromEnvironment(Clock.systemUTC()),
                Clock.systemUTC(),
                new SqsMessageDelay(AwsClients.configure(SqsClient.builder()).build()));
        Priming.register("PaymentFunction", () -> {
            Priming.eventStore();
            Priming.eventJson("InventoryReserved", "PaymentAuthorized");
            primeThroughHandler();
        });
    }

    /** An InventoryReserved through a second handler over priming's AWS: refused at the provider's authorization. */
    static PrimingAws primeThroughHandler() {
        PrimingAws aws = new PrimingAws().events(PrimingOrder.history(2));
        Clock clock = Clock.systemUTC();
        Priming.invoke(
                new PaymentHandler(
                        service(aws.dynamo(), aws.refusing(PaymentProvider.class), clock),
                        clock,
                        new SqsMessageDelay(aws.client(SqsClient.builder()))),
                PrimingOrder.ruleMessage(PrimingOrder.event(2)));
        return aws;
    }

    /** @param delay keeps messages on the queue while the breaker the service calls its provider through is open */
    public PaymentHandler(PaymentService service, Clock clock, MessageDelay delay) {
        this.service = service;
        this.batch = new SqsBatch(PaymentService.CONSUMER, clock, service.breaker(), delay);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return batch.process(event, context, service::handle);
    }

    /** An environment variable (null when unset). */
    private static String setting(String name) {
        return Environment.get(name).orElse(null);
    }

    private static PaymentService fromEnvironment(Clock clock) {
        PaymentProvider provider =
                PaymentProviders.select(PaymentHandler::setting); // first: a refused provider fails init
        return service(AwsClients.dynamo(), provider, clock);
    }

    private static PaymentService service(DynamoDbClient dynamo, PaymentProvider provider, Clock clock) {
        return new PaymentService(
                Stores.eventStore(dynamo),
                Stores.idempotency(dynamo, clock),
                provider,
                PaymentService.breaker(clock),
                clock);
    }
}
