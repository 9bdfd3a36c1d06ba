package io.eventflow.emulator;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * An integration test the engine-localstack pass leaves out (the root pom's profile excludes the tag): on LocalStack
 * DynamoDB stays on moto, so a test that touches DynamoDB alone would run against the same moto twice. Each use says
 * why its class is one.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(MotoOnly.TAG)
public @interface MotoOnly {
    String TAG = "moto-only";
}
