package io.eventflow.redrive;

import org.junit.jupiter.api.Nested;

/** The contract on the twin, with and without move-task support (AWS and emulators). */
class InMemoryRedriveQueuesTest {
    @Nested
    class WithMoveTasks extends RedriveQueuesContract {
        private final InMemoryRedriveQueues queues = new InMemoryRedriveQueues(true);

        @Override
        protected RedriveQueues queues() {
            return queues;
        }

        @Override
        protected String createQueue(String name, String dlqUrl, int maxReceiveCount) {
            return queues.createQueue(name, dlqUrl, maxReceiveCount);
        }
    }

    @Nested
    class WithoutMoveTasks extends RedriveQueuesContract {
        private final InMemoryRedriveQueues queues = new InMemoryRedriveQueues(false);

        @Override
        protected RedriveQueues queues() {
            return queues;
        }

        @Override
        protected String createQueue(String name, String dlqUrl, int maxReceiveCount) {
            return queues.createQueue(name, dlqUrl, maxReceiveCount);
        }
    }
}
