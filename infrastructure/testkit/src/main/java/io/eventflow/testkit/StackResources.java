package io.eventflow.testkit;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;

/**
 * A deployed stack's names, read once through the CloudFormation API: template.yaml outputs {@code ApiUrl},
 * {@code EventBusName}, {@code <Table>Name} for every table and {@code <Queue>Url} for every queue; a logical id
 * without an output falls back to the stack resource's physical id (a table's name, a queue's URL).
 *
 * @param outputs output key -> value
 * @param physicalIds logical id -> physical id of every stack resource
 */
public record StackResources(String stackName, Map<String, String> outputs, Map<String, String> physicalIds)
        implements Resources {
    public StackResources {
        outputs = Map.copyOf(outputs);
        physicalIds = Map.copyOf(physicalIds);
    }

    public static StackResources read(CloudFormationClient cloudFormation, String stackName) {
        Map<String, String> outputs = new LinkedHashMap<>();
        var stacks = cloudFormation.describeStacks(b -> b.stackName(stackName)).stacks();
        if (stacks.isEmpty()) {
            throw new IllegalStateException("no CloudFormation stack " + stackName);
        }
        for (Output o : stacks.get(0).outputs()) {
            outputs.put(o.outputKey(), o.outputValue());
        }
        Map<String, String> physical = new LinkedHashMap<>();
        for (StackResourceSummary r : cloudFormation
                .listStackResourcesPaginator(b -> b.stackName(stackName))
                .stackResourceSummaries()) {
            if (r.physicalResourceId() != null) {
                physical.put(r.logicalResourceId(), r.physicalResourceId());
            }
        }
        return new StackResources(stackName, outputs, physical);
    }

    @Override
    public URI api() {
        return URI.create(required("ApiUrl", null).replaceAll("/+$", ""));
    }

    @Override
    public String table(String logicalId) {
        return required(logicalId + "Name", logicalId);
    }

    @Override
    public String queueUrl(String logicalId) {
        return required(logicalId + "Url", logicalId);
    }

    @Override
    public String busName() {
        return required("EventBusName", "EventBus");
    }

    private String required(String output, String logicalId) {
        String v = outputs.get(output);
        if (v == null && logicalId != null) {
            v = physicalIds.get(logicalId);
        }
        if (v == null) {
            throw new IllegalStateException("stack " + stackName + " has no output " + output
                    + (logicalId == null ? "" : " and no resource " + logicalId) + " (outputs: "
                    + outputs.keySet() + ")");
        }
        return v;
    }
}
