package io.modelserving.benchmarks.endtoend;

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
 * End-to-end benchmark of both serving adapters on an in-JVM Kafka broker, each measured next to plain Kafka
 * baselines in the same run and reported as ratios to them:
 *
 * <ul>
 *   <li><b>Throughput</b>: records per second through a pipeline, from a pre-loaded data topic to the last
 *   output, for a plain Kafka Streams pass-through and a plain consumer-&gt;producer loop (baselines: no decoding,
 *   no scoring) and for the Kafka Streams and Akka Streams serving adapters scoring {@code Features} with an
 *   ONNX model, all at-least-once.</li>
 *   <li><b>Model-swap latency</b>: with data flowing at a steady rate, the time from a new model's
 *   acknowledgement by the broker to the first scored record naming it, next to the end-to-end latency of a
 *   data record in the same run.</li>
 * </ul>
 *
 * <p>Times come from the broker's append timestamps of the output records. Run it from the shaded jar:
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.modelserving.benchmarks.endtoend.EndToEndBenchmark \
 *     --records 50000 --engine all --rounds 5
 * }</pre>
 */
public final class EndToEndBenchmark {

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
            Workload workload = new Workload();
            List<PipelineKind> kinds = new ArrayList<>(List.of(PipelineKind.STREAMS_PASS_THROUGH,
                    PipelineKind.CONSUMER_LOOP));
            for (Engine engine : Engine.values()) {
                if (options.engines().contains(engine)) {
                    kinds.add(PipelineKind.serving(engine));
                }
            }
            ThroughputBenchmark throughput = new ThroughputBenchmark(kafka, workload, workDir);
            if (options.warmUpRecords() > 0) {
                for (PipelineKind kind : kinds) {
                    progress.printf("warm-up: %s, %d records%n", kind.label(), options.warmUpRecords());
                    throughput.run(kind, options.warmUpRecords(), options.partitions());
                }
            }
            List<ThroughputResult> throughputs = new ArrayList<>();
            for (PipelineKind kind : kinds) {
                progress.printf("throughput: %s, %d records%n", kind.label(), options.records());
                throughputs.add(throughput.run(kind, options.records(), options.partitions()));
            }
            SwapLatencyBenchmark swap = new SwapLatencyBenchmark(kafka, workload, workDir);
            List<SwapResult> swaps = new ArrayList<>();
            for (Engine engine : Engine.values()) {
                if (options.engines().contains(engine)) {
                    progress.printf("model swap: %s, %d rounds at %d records/s%n", engine.label(), options.rounds(),
                            options.rate());
                    swaps.add(swap.run(engine, options));
                }
            }
            return new Results(options, throughputs, swaps);
        } finally {
            deleteQuietly(workDir);
        }
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
