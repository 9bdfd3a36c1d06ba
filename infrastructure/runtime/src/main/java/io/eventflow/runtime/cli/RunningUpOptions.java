package io.eventflow.runtime.cli;

import io.eventflow.emulator.Template;
import io.eventflow.runtime.Endpoint;
import io.eventflow.runtime.ops.StateDir;
import java.io.PrintStream;
import picocli.CommandLine.Mixin;

/**
 * The options of the verbs that work on a topology already provisioned (inspect, trace, publish, replay, redrive,
 * rebuild-projection): which template ({@link TemplateOptions}) and which endpoint ({@link EndpointOptions});
 * {@link #open} connects and resolves the template there.
 */
public final class RunningUpOptions {
    @Mixin
    TemplateOptions template;

    @Mixin
    EndpointOptions endpoint;

    /** .eventflow/ of the checkout (see {@link TemplateOptions#state()}). */
    StateDir state() {
        return template.state();
    }

    /** The template without connecting (names checked before anything is contacted). */
    Template offline() {
        return template.offline();
    }

    /**
     * Connected to --endpoint, AWS_ENDPOINT_URL or the running {@code up}, with the template resolved on that endpoint
     * (its account, its queue URLs); closing the session closes the connection.
     */
    Session open(PrintStream err) {
        StateDir state = template.state();
        Endpoint connection = endpoint.existing(state, err);
        try {
            return new Session(connection, template.load(), state);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** An open connection to the provisioned topology and the template resolved on it. */
    record Session(Endpoint endpoint, Template template, StateDir state) implements AutoCloseable {
        @Override
        public void close() {
            endpoint.close();
        }
    }
}
