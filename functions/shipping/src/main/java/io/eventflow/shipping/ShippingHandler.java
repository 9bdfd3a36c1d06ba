package io.eventflow.shipping;

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

/** ShippingQueue consumer: OrderConfirmed -> ShipmentScheduled. */
public final class ShippingHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    static final String CONSUMER = "shipping";
    static final String SOURCE = "eventflow.shipping";

    private final OrderReactor shipping;
    private final SqsBatch batch;

    public ShippingHandler() {
        this(OrderReactors.fromEnvironment(CONSUMER, SOURCE, Shipping::decide), Clock.systemUTC());
        Priming.register("ShippingFunction", () -> {
            Priming.eventStore();
            Priming.eventJson("OrderConfirmed", "ShipmentScheduled");
            primeThroughHandler();
        });
    }

    /** An OrderConfirmed through a second handler over priming's AWS: refused at the append of ShipmentScheduled. */
    static PrimingAws primeThroughHandler() {
        PrimingAws aws = new PrimingAws().events(PrimingOrder.history(4));
        Priming.invoke(
                new ShippingHandler(
                        OrderReactors.fromEnvironment(CONSUMER, SOURCE, Shipping::decide, aws.dynamo()),
                        Clock.systemUTC()),
                PrimingOrder.ruleMessage(PrimingOrder.event(4)));
        return aws;
    }

    public ShippingHandler(OrderReactor saga, Clock clock) {
        this.shipping = saga;
        this.batch = new SqsBatch(CONSUMER, clock);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return batch.process(event, context, shipping::handle);
    }
}
