package io.eventflow.runtime.cli;

/**
 * A verb from another module (the chaos run): a picocli {@code @Command} class listed in
 * META-INF/services/io.eventflow.runtime.cli.Verb, added to {@code ./eventflow} when it is on the classpath.
 */
public interface Verb {}
