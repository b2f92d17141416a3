package io.modelserving.benchmarks.endtoend;

/**
 * One throughput run: {@code records} pre-loaded, the pipeline started at {@code startMillis}, its outputs
 * appended to the output topics between {@code firstAppendMillis} and {@code lastAppendMillis} (broker time).
 *
 * @param outputs     records on the scored and dead-letter topics
 * @param scored      outputs that are scored records (for a baseline: its copies)
 * @param deadLetters outputs on the dead-letter topic
 * @param complete    whether every record had its output before the timeout
 * @param memory      what the run added to the heap, and the process's resident set
 */
record ThroughputResult(PipelineKind kind, PipelineSetup setup, int partitions, int records, int outputs, int scored,
                        int deadLetters, long startMillis, long firstAppendMillis, long lastAppendMillis,
                        boolean complete, MemoryWatch.MemoryUse memory) {

    /** From start to the first output: connecting, joining the group, loading the model. */
    long startupMillis() {
        return firstAppendMillis - startMillis;
    }

    /** From start to the last output. */
    long totalMillis() {
        return lastAppendMillis - startMillis;
    }

    /** Records per second from start to the last output, start-up included. */
    double recordsPerSecond() {
        return rate(records, totalMillis());
    }

    /** Records per second from the first output to the last: the running pipeline, start-up excluded. */
    double steadyRecordsPerSecond() {
        return rate(outputs - 1, lastAppendMillis - firstAppendMillis);
    }

    private static double rate(long count, long millis) {
        return millis <= 0 ? Double.NaN : count * 1000.0 / millis;
    }
}
