package io.eventflow.replay;

/** The failure-queue contract on the in-memory twin. */
class InMemoryFailureRecordsTest extends FailureRecordsContract {
    private final InMemoryFailureRecords records = new InMemoryFailureRecords();

    @Override
    protected FailureRecords records() {
        return records;
    }

    @Override
    protected void send(String body) {
        records.send(body);
    }

    @Override
    protected int remaining() {
        return records.bodies().size();
    }
}
