package io.modelserving.benchmarks.endtoend;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Samples this JVM's memory while one pipeline runs: the peak of heap in use above what was in use after a full
 * collection just before the pipeline was built (what the pipeline's objects and garbage add), and the peak
 * resident set of the process (Linux; broker and harness included, as they share the JVM).
 *
 * <pre>{@code
 * MemoryWatch watch = MemoryWatch.start();
 * ... run the pipeline ...
 * MemoryUse use = watch.stop();
 * }</pre>
 */
final class MemoryWatch {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final long PERIOD_MILLIS = 20;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final long baseline;
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long peakHeap;
    private volatile long peakRss;

    private MemoryWatch() {
        memory.gc();
        baseline = memory.getHeapMemoryUsage().getUsed();
        sampler = new Thread(this::sample, "memory-watch");
        sampler.setDaemon(true);
    }

    /** Collects garbage, takes the baseline and starts sampling. */
    static MemoryWatch start() {
        MemoryWatch watch = new MemoryWatch();
        watch.sampler.start();
        return watch;
    }

    private void sample() {
        while (running) {
            peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
            peakRss = Math.max(peakRss, residentBytes());
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops sampling and gives the peaks. */
    MemoryUse stop() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new MemoryUse(Math.max(0, peakHeap - baseline), peakRss);
    }

    /** VmRSS of this process; 0 where /proc is not there. */
    private static long residentBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    // "VmRSS:	  123456 kB"
                    return Long.parseLong(line.substring(6).replace("kB", "").trim()) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or a format we do not know: no figure rather than a wrong one
        }
        return 0;
    }

    /**
     * Memory of one run.
     *
     * @param heapAboveBaseline peak heap in use minus the heap in use after a full collection before the run
     * @param peakResident      peak resident set of the whole process, 0 when unknown
     */
    record MemoryUse(long heapAboveBaseline, long peakResident) {

        static final MemoryUse UNKNOWN = new MemoryUse(0, 0);
    }
}
