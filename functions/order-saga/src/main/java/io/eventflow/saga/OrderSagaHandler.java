package io.eventflow.saga;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.eventflow.lambda.SqsBatch;
import io.eventflow.order.OrderReactor;
import io.eventflow.priming.Priming;
import io.eventflow.priming.PrimingAws;
import io.eventflow.priming.PrimingOrder;
import io.eventflow.wiring.OrderReactors;
import java.time.Clock;

/**
 * OrderSagaQueue consumer: PaymentAuthorized, InventoryRejected, PaymentDeclined. (The rule does not route
 * ShipmentScheduled, for which the saga emits nothing; one that arrives anyway, e.g. already queued when the rule is
 * deployed, is accepted and emits nothing.)
 */
public final class OrderSagaHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    static final String CONSUMER = "order-saga";
    static final String SOURCE = "eventflow.orders";

    private final OrderReactor saga;
    private final SqsBatch batch;

    public OrderSagaHandler() {
        this(OrderReactors.fromEnvironment(CONSUMER, SOURCE, OrderSaga::decide), Clock.systemUTC());
        Priming.register("OrderSagaFunction", () -> {
            Priming.eventStore();
            Priming.eventJson("PaymentAuthorized", "OrderConfirmed");
            primeThroughHandler();
        });
    }

    /** A PaymentAuthorized through a second handler over priming's AWS: refused at the append of OrderConfirmed. */
    static PrimingAws primeThroughHandler() {
        PrimingAws aws = new PrimingAws().events(PrimingOrder.history(3));
        Priming.invoke(
                new OrderSagaHandler(
                        OrderReactors.fromEnvironment(CONSUMER, SOURCE, OrderSaga::decide, aws.dynamo()),
                        Clock.systemUTC()),
                PrimingOrder.ruleMessage(PrimingOrder.event(3)));
        return aws;
    }

    public OrderSagaHandler(OrderReactor saga, Clock clock) {
        this.saga = saga;
        this.batch = new SqsBatch(CONSUMER, clock);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return batch.process(event, context, saga::handle);
    }
}
