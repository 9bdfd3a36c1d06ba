package io.eventflow.sms;

class InMemorySmsSenderTest extends SmsSenderContract {
    private final InMemorySmsSender sender = new InMemorySmsSender();

    @Override
    protected SmsSender sender() {
        return sender;
    }
}
