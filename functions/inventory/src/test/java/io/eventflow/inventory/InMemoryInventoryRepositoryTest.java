package io.eventflow.inventory;

class InMemoryInventoryRepositoryTest extends InventoryRepositoryContract {
    private final InMemoryInventoryRepository repository = new InMemoryInventoryRepository();

    @Override
    protected InventoryRepository repository() {
        return repository;
    }
}
