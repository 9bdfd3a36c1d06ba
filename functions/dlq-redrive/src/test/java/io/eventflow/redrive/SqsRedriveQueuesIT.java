package io.eventflow.redrive;

import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.events.EventJson;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The queue contract through the SQS adapter, against the emulator. */
@ExtendWith(EmulatorExtension.class)
class SqsRedriveQueuesIT extends RedriveQueuesContract {
    private static SqsClient sqs;
    private static SqsRedriveQueues queues;

    @BeforeAll
    static void clients() {
        sqs = AwsClients.configure(SqsClient.builder()).build();
        queues = new SqsRedriveQueues(sqs);
    }

    @Override
    protected RedriveQueues queues() {
        return queues;
    }

    @Override
    protected String createQueue(String name, String dlqUrl, int maxReceiveCount) {
        return create(sqs, name, dlqUrl, maxReceiveCount);
    }

    static String create(SqsClient sqs, String name, String dlqUrl, int maxReceiveCount) {
        if (dlqUrl == null) {
            return sqs.createQueue(b -> b.queueName(name)).queueUrl();
        }
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        String policy = EventJson.write(Map.of("deadLetterTargetArn", dlqArn, "maxReceiveCount", maxReceiveCount));
        return sqs.createQueue(b -> b.queueName(name).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, policy)))
                .queueUrl();
    }
}
