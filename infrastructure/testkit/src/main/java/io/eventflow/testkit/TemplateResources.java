package io.eventflow.testkit;

import io.eventflow.emulator.Template;
import io.eventflow.emulator.template.Model;
import java.net.URI;

/** The names template.yaml resolves to where the local runtime provisioned it. */
record TemplateResources(Template template, URI api) implements Resources {
    @Override
    public String table(String logicalId) {
        return template.table(logicalId)
                .map(Model.Table::name)
                .orElseThrow(() -> new IllegalArgumentException("template.yaml has no table " + logicalId));
    }

    @Override
    public String queueUrl(String logicalId) {
        return template.queues().stream()
                .filter(q -> q.logicalId().equals(logicalId))
                .findFirst()
                .map(template::queueUrl)
                .orElseThrow(() -> new IllegalArgumentException("template.yaml has no queue " + logicalId));
    }

    @Override
    public String busName() {
        return template.buses().stream()
                .findFirst()
                .map(Model.Bus::name)
                .orElseThrow(() -> new IllegalStateException("template.yaml has no event bus"));
    }
}
