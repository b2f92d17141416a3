package io.modelserving.benchmarks.endtoend;

import io.modelserving.kafka.DeliveryGuarantee;
import java.util.Locale;

/**
 * How every pipeline of a throughput run is set up, so that the ones compared run alike: the delivery guarantee and
 * how many records are worked on at once (Kafka Streams' stream threads, the Akka and Pekko graphs' scoring
 * parallelism, the raw loop's consumer threads). The sweeps match the threads to the partitions.
 *
 * <pre>{@code
 * PipelineSetup setup = new PipelineSetup(DeliveryGuarantee.EXACTLY_ONCE, 4);
 * }</pre>
 *
 * @param guarantee at-least-once or exactly-once
 * @param threads   stream threads, scoring parallelism or consumer threads, at least 1
 */
record PipelineSetup(DeliveryGuarantee guarantee, int threads) {

    PipelineSetup {
        if (guarantee == null || guarantee == DeliveryGuarantee.AT_MOST_ONCE) {
            throw new IllegalArgumentException("The benchmark measures at-least-once and exactly-once, not "
                    + guarantee);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
    }

    /** At-least-once on one thread per core, as {@code serve} runs by default. */
    static PipelineSetup defaults() {
        return new PipelineSetup(DeliveryGuarantee.AT_LEAST_ONCE, Runtime.getRuntime().availableProcessors());
    }

    boolean exactlyOnce() {
        return guarantee == DeliveryGuarantee.EXACTLY_ONCE;
    }

    /** "at-least-once" or "exactly-once". */
    String guaranteeLabel() {
        return guarantee.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
