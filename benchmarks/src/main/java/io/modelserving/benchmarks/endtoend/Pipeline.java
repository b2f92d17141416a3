package io.modelserving.benchmarks.endtoend;

/**
 * One thing under measurement, reading the data topic and writing one output per record. Built (untimed), then
 * {@link #start() started} (timed from there), then closed.
 */
interface Pipeline extends AutoCloseable {

    /** Starts consuming; returns at once. */
    void start();

    /** Stops and releases everything; waits for the stop. */
    @Override
    void close();
}
