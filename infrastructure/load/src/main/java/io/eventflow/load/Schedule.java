package io.eventflow.load;

import java.util.ArrayList;
import java.util.List;

/**
 * When each order is meant to be sent, fixed before the first send: the load is open loop, so a slow answer never
 * delays the next send (a closed loop would send less exactly when the target is slow, and hide it: coordinated
 * omission). A constant rate is one step; a ramp is {@code steps} equal steps from one rate to another, each at a
 * constant rate, so each step's latencies belong to one rate.
 *
 * @param steps in order; each step's sends are evenly spaced, 1/rate apart, from the step's start
 */
public record Schedule(List<Step> steps) {
    private static final long NANOS = 1_000_000_000L;

    /**
     * @param rate orders per second
     * @param startNanos offset of the step from the run's start
     * @param first index of the step's first order
     * @param count orders in the step
     */
    public record Step(double rate, long startNanos, long durationNanos, int first, int count) {}

    public Schedule {
        steps = List.copyOf(steps);
    }

    public static Schedule constant(double rate, int seconds) {
        return ramp(rate, rate, 1, seconds);
    }

    /** {@code steps} steps of {@code seconds / steps} each, rates evenly spaced from {@code from} to {@code to}. */
    public static Schedule ramp(double from, double to, int steps, int seconds) {
        if (steps < 1 || seconds < 1 || from <= 0 || to <= 0) {
            throw new IllegalArgumentException("a schedule needs rates > 0, steps >= 1 and seconds >= 1");
        }
        List<Step> out = new ArrayList<>();
        long total = seconds * NANOS;
        int first = 0;
        for (int s = 0; s < steps; s++) {
            double rate = steps == 1 ? from : from + (to - from) * s / (steps - 1);
            long start = total * s / steps;
            long duration = total * (s + 1) / steps - start;
            int count = (int) Math.floor(rate * duration / (double) NANOS + 1e-9);
            out.add(new Step(rate, start, duration, first, count));
            first += count;
        }
        return new Schedule(out);
    }

    public int size() {
        Step last = steps.get(steps.size() - 1);
        return last.first() + last.count();
    }

    public long durationNanos() {
        Step last = steps.get(steps.size() - 1);
        return last.startNanos() + last.durationNanos();
    }

    /** The step order {@code i} belongs to. */
    public int stepOf(int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException("order " + i + " of " + size());
        }
        for (int s = steps.size() - 1; s >= 0; s--) {
            if (i >= steps.get(s).first()) {
                return s;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** When order {@code i} is meant to be sent: nanoseconds after the run's start. */
    public long intendedNanos(int i) {
        Step s = steps.get(stepOf(i));
        return s.startNanos() + Math.round((i - s.first()) * NANOS / s.rate());
    }

    /** The highest rate of any step. */
    public double peakRate() {
        return steps.stream().mapToDouble(Step::rate).max().orElse(0);
    }
}
