package io.eventflow.orderapi;

import io.eventflow.events.LineItem;
import io.eventflow.events.Violation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Prices a request from the catalog, pure. The server's price and currency are the only ones an order is placed
 * at; a price or currency the client sends is a claim about what it showed the customer, so one that differs
 * from the catalog is refused (422) rather than silently replaced: the customer would be charged another amount
 * than they saw. A SKU without a catalog price is not for sale (422); one order is in one currency.
 */
final class Pricing {
    static final long MAX_TOTAL_CENTS = 1_000_000_000L;

    sealed interface Result {}

    record Priced(String currency, List<LineItem> items, long totalCents) implements Result {}

    record Refused(List<Violation> violations) implements Result {}

    private Pricing() {}

    static Set<String> skus(PlaceOrderRequest request) {
        Set<String> skus = new LinkedHashSet<>();
        request.items().forEach(l -> skus.add(l.sku()));
        return skus;
    }

    static Result price(PlaceOrderRequest request, Map<String, Catalog.Price> catalog) {
        List<Violation> out = new ArrayList<>();
        List<LineItem> items = new ArrayList<>();
        Set<String> currencies = new TreeSet<>();
        for (int i = 0; i < request.items().size(); i++) {
            PlaceOrderRequest.Line line = request.items().get(i);
            Catalog.Price price = catalog.get(line.sku());
            if (price == null) {
                out.add(new Violation("$.items[" + i + "].sku", line.sku() + " is not in the catalog"));
                continue;
            }
            currencies.add(price.currency());
            if (line.unitPriceCents() != null && line.unitPriceCents() != price.unitPriceCents()) {
                out.add(new Violation(
                        "$.items[" + i + "].unitPriceCents",
                        "is " + line.unitPriceCents()
                                + " but the catalog price of " + line.sku() + " is " + price.unitPriceCents() + " "
                                + price.currency()
                                + " cents; omit unitPriceCents to order at the catalog price"));
            }
            if (request.currency() != null && !request.currency().equals(price.currency())) {
                out.add(new Violation(
                        "$.currency",
                        "is " + request.currency() + " but the catalog prices " + line.sku() + " in "
                                + price.currency()));
            }
            items.add(new LineItem(line.sku(), line.quantity(), price.unitPriceCents()));
        }
        if (currencies.size() > 1) {
            out.add(new Violation(
                    "$.items",
                    "the catalog prices these items in different currencies " + currencies
                            + "; place one order per currency"));
        }
        if (out.isEmpty()) {
            BigInteger total = BigInteger.ZERO;
            for (LineItem item : items) {
                total = total.add(
                        BigInteger.valueOf(item.unitPriceCents()).multiply(BigInteger.valueOf(item.quantity())));
            }
            if (total.compareTo(BigInteger.valueOf(MAX_TOTAL_CENTS)) > 0) {
                out.add(new Violation(
                        "$.items", "order total " + total + " exceeds the maximum of " + MAX_TOTAL_CENTS + " cents"));
            } else {
                return new Priced(currencies.iterator().next(), List.copyOf(items), total.longValueExact());
            }
        }
        return new Refused(out.stream()
                .distinct()
                .sorted(java.util.Comparator.comparing(Violation::path).thenComparing(Violation::message))
                .toList());
    }
}
