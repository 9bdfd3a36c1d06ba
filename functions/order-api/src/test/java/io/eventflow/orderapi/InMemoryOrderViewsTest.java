package io.eventflow.orderapi;

class InMemoryOrderViewsTest extends OrderViewsContract {
    private final InMemoryOrderViews views = new InMemoryOrderViews();

    @Override
    protected OrderViews views() {
        return views;
    }

    @Override
    protected void given(OrderDetails details) {
        views.put(details);
    }
}
