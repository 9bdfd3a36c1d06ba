package io.eventflow.testkit;

/**
 * An order the API accepted: its id, and the contact its notifications go to (what its side effects are counted
 * by).
 */
public record PlacedOrder(String orderId, String email, String phone, OrderRequest request) {
    @Override
    public String toString() {
        return orderId;
    }
}
