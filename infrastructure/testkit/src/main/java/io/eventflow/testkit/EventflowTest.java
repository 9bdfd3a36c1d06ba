package io.eventflow.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class whose tests take a {@link Flow}: the topology the target names ({@code -Deventflow.target} or
 * {@code EVENTFLOW_TARGET}: {@code local}, {@code localstack}, {@code up:<url>}, {@code stack:<name>}; default
 * {@code local}), started or attached once per test JVM and shared by every class that asks for the same target.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EventflowExtension.class)
public @interface EventflowTest {}
