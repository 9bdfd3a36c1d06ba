package io.eventflow.testkit;

import java.net.URI;

/**
 * Where the topology's parts are, by the template's logical ids: what a deployed stack's outputs and resources say
 * ({@link StackResources}), or what the local runtime provisioned ({@link TemplateResources}).
 */
public interface Resources {
    /** The HTTP API's base URL, without a trailing slash. */
    URI api();

    /** The physical name of the table with this logical id (e.g. OrderViewTable). */
    String table(String logicalId);

    /** The URL of the queue with this logical id (e.g. InventoryDLQ). */
    String queueUrl(String logicalId);

    /** The event bus's name. */
    String busName();
}
