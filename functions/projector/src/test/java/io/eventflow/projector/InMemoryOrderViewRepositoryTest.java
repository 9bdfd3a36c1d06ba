package io.eventflow.projector;

class InMemoryOrderViewRepositoryTest extends OrderViewRepositoryContract {
    private final InMemoryOrderViewRepository views = new InMemoryOrderViewRepository();

    @Override
    protected OrderViewRepository views() {
        return views;
    }
}
