package io.eventflow.runtime.cli;

import io.eventflow.runtime.Cli;
import io.eventflow.runtime.ops.Logs;
import io.eventflow.runtime.ops.StateDir;
import io.eventflow.runtime.sources.Activity;
import io.eventflow.runtime.trace.InvocationLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code logs}: the functions' JSON logs of the current (or last) run of `up`. */
@Command(
        name = "logs",
        sortOptions = false,
        description = {
            "The functions' JSON log lines written by `up`"
                    + " (.eventflow/logs/functions.jsonl): the current run (or the last one), or with --all the kept older runs first."
        })
public final class LogsCommand implements Callable<Integer> {
    @ParentCommand
    Cli cli;

    @Option(
            names = {"--follow", "-f"},
            description = "keep printing new lines until Ctrl-C")
    boolean follow;

    @Option(names = "--all", description = "also the older runs kept in .eventflow/logs/previous/ (the last 5)")
    boolean all;

    @Option(names = "--correlation-id", paramLabel = "ID", description = "only lines with this correlationId")
    String correlationId;

    @Option(
            names = "--order",
            paramLabel = "ORDER",
            description = "only lines about this order (ORD-... or Order-ORD-...): its correlation ids")
    String order;

    @Option(names = "--function", paramLabel = "ID", description = "only lines of this function (logical id)")
    String function;

    @Mixin
    TemplateOptions template;

    @Override
    public Integer call() throws Exception {
        StateDir state = template.state();
        List<Path> files = state.logs(state.functionLogs(), all);
        if (!follow && files.stream().noneMatch(Files::isRegularFile)) {
            throw UserError.environment(
                    "no logs yet in " + state.functionLogs().getParent() + ": run `./eventflow up` first");
        }
        Predicate<String> filter = line -> true;
        if (correlationId != null) {
            filter = filter.and(Logs.field("correlationId", Set.of(correlationId)));
        }
        if (function != null) {
            filter = filter.and(Logs.field("function", Set.of(function)));
        }
        if (order != null) {
            String orderId = Names.orderId(order);
            Set<String> correlations = InvocationLog.read(state.logs(state.invocations(), true)).stream()
                    .flatMap(i -> i.items().stream())
                    .filter(i -> orderId.equals(i.orderId()))
                    .map(Activity.Item::correlationId)
                    .filter(c -> c != null)
                    .collect(Collectors.toSet());
            Predicate<String> byCorrelation = Logs.field("correlationId", correlations);
            filter = filter.and(line -> line.contains(orderId) || byCorrelation.test(line));
        }
        Logs.run(files, filter, follow, cli.out());
        return ExitCode.OK;
    }
}
