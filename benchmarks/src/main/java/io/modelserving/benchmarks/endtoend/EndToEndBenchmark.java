package io.modelserving.benchmarks.endtoend;

import io.modelserving.kafka.DeliveryGuarantee;
import io.modelserving.testkit.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * End-to-end benchmark of every serving adapter on an in-JVM Kafka broker, each measured next to plain Kafka
 * baselines in the same run and reported as ratios to them, for one or more workloads (wine: 11 features and a
 * linear model; ffnn: 784 values and the Crayfish benchmark's feed-forward network):
 *
 * <ul>
 *   <li><b>Throughput</b>: records per second through a pipeline, from a pre-loaded data topic to the last
 *   output, all at-least-once: for the adapters; for same-work baselines that do what they do by hand (decode with
 *   the library's codec, score with raw ONNX Runtime, encode the same envelope): a Kafka clients loop with one
 *   thread per core scoring each poll as one batch, the practical upper bound, and on each adapter's engine a
 *   hand-written Kafka Streams topology or Alpakka (Pekko Connectors) graph with the adapter's settings; and, as
 *   context, for two copies that neither decode nor score (a Kafka Streams pass-through and a
 *   consumer-&gt;producer loop).</li>
 *   <li><b>Model-swap latency</b>: with data flowing at a steady rate, the time from a new model's
 *   acknowledgement by the broker to the first scored record naming it, next to the end-to-end latency of a
 *   data record in the same run.</li>
 * </ul>
 *
 * <p>Times come from the broker's append timestamps of the output records. Run it from the shaded jar:
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.modelserving.benchmarks.endtoend.EndToEndBenchmark \
 *     --workload all --engine all --rounds 5
 * }</pre>
 */
public final class EndToEndBenchmark {

    private static final String COMMAND =
            "java -cp benchmarks/target/benchmarks.jar io.modelserving.benchmarks.endtoend.EndToEndBenchmark";

    private EndToEndBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // Before any logger exists: the broker and clients are chatty at INFO.
        quietLogging("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // warns that the state directory is a temporary one, which is what a benchmark wants
        quietLogging("org.slf4j.simpleLogger.log.org.apache.kafka.streams.processor.internals.StateDirectory",
                "error");
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(BenchmarkOptions.USAGE);
            return;
        }
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchmarkOptions.USAGE);
            System.exit(2);
            return;
        }
        Results results = run(options, System.out);
        Report.print(results, System.out);
        if (options.chart() != null) {
            Chart.write(RunChart.of(results, COMMAND + " " + String.join(" ", args)), options.chart());
            System.out.println("Chart written to " + options.chart());
        }
        // Client and Akka threads may outlive their close by a moment; the run is over.
        System.exit(results.complete() ? 0 : 1);
    }

    private static void quietLogging(String property, String level) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, level);
        }
    }

    /** Runs every measurement of {@code options}, writing progress lines to {@code progress}. */
    static Results run(BenchmarkOptions options, PrintStream progress) throws InterruptedException {
        Path workDir = tempDirectory();
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
            List<WorkloadResults> results = new ArrayList<>();
            boolean swaps = true;
            for (WorkloadKind kind : options.workloads()) {
                results.add(run(kind, options, swaps, kafka, workDir, progress));
                swaps = false;
            }
            return new Results(options, results);
        } finally {
            deleteQuietly(workDir);
        }
    }

    /**
     * Every pipeline's throughput at every guarantee and partition count, then, when {@code swaps}, every engine's
     * swaps (measured on the first workload only: what a swap costs is the model, not the records).
     */
    private static WorkloadResults run(WorkloadKind kind, BenchmarkOptions options, boolean swaps,
                                       EmbeddedKafkaBroker kafka, Path workDir, PrintStream progress)
            throws InterruptedException {
        Workload workload = Workload.of(kind);
        int records = options.recordsFor(kind);
        progress.printf("workload %s: %s%n", kind.label(), workload.modelSource());
        // each adapter right after the same work hand-written on its engine, so the two run in the same conditions
        List<PipelineKind> kinds = new ArrayList<>(List.of(PipelineKind.STREAMS_PASS_THROUGH,
                PipelineKind.CONSUMER_LOOP, PipelineKind.RAW_LOOP));
        for (Engine engine : options.engines()) {
            kinds.add(PipelineKind.handWritten(engine));
            kinds.add(PipelineKind.serving(engine));
        }
        ThroughputBenchmark throughput = new ThroughputBenchmark(kafka, workload, workDir);
        if (options.warmUpRecords() > 0) {
            PipelineSetup first = new PipelineSetup(options.guarantees().iterator().next(),
                    options.partitions().get(0));
            for (PipelineKind pipeline : kinds) {
                progress.printf("warm-up: %s, %s, %d records%n", kind.label(), pipeline.label(),
                        options.warmUpRecords());
                throughput.run(pipeline, options.warmUpRecords(), first.threads(), first);
            }
        }
        List<ThroughputResult> throughputs = new ArrayList<>();
        for (DeliveryGuarantee guarantee : options.guarantees()) {
            for (int partitions : options.partitions()) {
                PipelineSetup setup = new PipelineSetup(guarantee, partitions);
                for (int repetition = 1; repetition <= options.repeat(); repetition++) {
                    for (PipelineKind pipeline : kinds) {
                        if (!pipeline.runsAt(setup)) {
                            continue;
                        }
                        progress.printf("throughput: %s, %s, %s, %d partitions, %d records (run %d of %d)%n",
                                kind.label(), setup.guaranteeLabel(), pipeline.label(), partitions, records,
                                repetition, options.repeat());
                        throughputs.add(throughput.run(pipeline, records, partitions, setup));
                    }
                }
            }
        }
        List<SwapResult> swapResults = new ArrayList<>();
        if (swaps) {
            SwapLatencyBenchmark swap = new SwapLatencyBenchmark(kafka, workload, workDir);
            for (Engine engine : options.engines()) {
                progress.printf("model swap: %s, %s, small model, %d rounds at %d records/s%n", kind.label(),
                        engine.label(), options.rounds(), options.rate());
                swapResults.add(swap.run(engine, SwapModel.SMALL, options.rounds(), options.steadyPeriod(),
                        options));
                if (options.largeRounds() > 0) {
                    progress.printf("model swap: %s, %s, %s, %d rounds at %d records/s%n", kind.label(),
                            engine.label(), SwapModel.LARGE.source(workload), options.largeRounds(), options.rate());
                    swapResults.add(swap.run(engine, SwapModel.LARGE, options.largeRounds(),
                            options.steadyPeriod().dividedBy(2), options));
                }
            }
        }
        return new WorkloadResults(kind, workload.modelSource(), records, throughputs, swapResults);
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("modelserving-e2e-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
