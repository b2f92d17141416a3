package io.modelserving.benchmarks.endtoend;

import io.modelserving.ModelDescriptor;
import io.modelserving.kafka.ServingTopics;
import io.modelserving.testkit.KafkaHelpers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Model-swap latency of one engine with data flowing at a steady rate: publish model 0, wait until it scores,
 * then per round publish the next version and take the time from its acknowledgement to the first scored
 * record naming it. The baseline of the same run is the end-to-end latency of the data records themselves.
 * The models swapped are the workload's own small ones or wide ones of about 10 MB ({@link SwapModel}); either
 * way a run is complete only when every round swapped and every data record sent was scored.
 *
 * <pre>{@code
 * SwapLatencyBenchmark swaps = new SwapLatencyBenchmark(kafka, Workload.of(WorkloadKind.WINE), workDir);
 * SwapResult small = swaps.run(Engine.AKKA_STREAMS, SwapModel.SMALL, 5, Duration.ofSeconds(1), options);
 * SwapResult large = swaps.run(Engine.AKKA_STREAMS, SwapModel.LARGE, 20, Duration.ofMillis(500), options);
 * }</pre>
 */
final class SwapLatencyBenchmark {

    private static final Duration FIRST_MODEL_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SWAP_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaHelpers kafka;
    private final Workload workload;
    private final Path workDir;

    SwapLatencyBenchmark(KafkaHelpers kafka, Workload workload, Path workDir) {
        this.kafka = kafka;
        this.workload = workload;
        this.workDir = workDir;
    }

    /**
     * {@code rounds} swaps of {@code model}, with data flowing for {@code steadyPeriod} before the first and after
     * each one is seen, at {@code options}' rate, on its swap partitions. A shorter period keeps many rounds of
     * the large model short; each round still waits until its version scores.
     */
    SwapResult run(Engine engine, SwapModel model, int rounds, Duration steadyPeriod, BenchmarkOptions options)
            throws InterruptedException {
        String run = workload.kind().label() + "-swap-" + model.label() + "-" + engine.label();
        ServingTopics topics = BenchTopics.create(kafka, run, options.swapPartitions());
        List<Long> acks = new ArrayList<>();
        long from;
        long to;
        boolean complete = true;
        try (KafkaProducer<byte[], byte[]> models = new KafkaProducer<>(BenchTopics.modelProducerProperties(kafka));
             ScoredObserver observer = new ScoredObserver(kafka, topics, options.swapPartitions())) {
            Workload.publish(models, topics.models(), model.version(workload, 0));
            observer.start();
            long sent;
            try (Pipeline pipeline = PipelineKind.serving(engine).create(kafka.bootstrapServers(), topics, run,
                    directory(run), workload, PipelineSetup.defaults());
                 SteadyLoad load = new SteadyLoad(kafka.producerProperties(), topics.data(), workload,
                         options.rate())) {
                pipeline.start();
                load.start();
                if (!observer.awaitModel("0", FIRST_MODEL_TIMEOUT)) {
                    throw new IllegalStateException(engine.label() + " scored nothing within " + FIRST_MODEL_TIMEOUT);
                }
                Thread.sleep(steadyPeriod.toMillis()); // let latency settle before measuring
                from = System.currentTimeMillis();
                for (int round = 1; round <= rounds; round++) {
                    ModelDescriptor next = model.version(workload, round); // built before the clock starts
                    Workload.publish(models, topics.models(), next);
                    acks.add(System.currentTimeMillis());
                    complete &= observer.awaitModel(Integer.toString(round), SWAP_TIMEOUT);
                    // data flows on between swaps; it also lets the earliest record of this version arrive
                    // from every partition before the next round
                    Thread.sleep(steadyPeriod.toMillis());
                }
                to = System.currentTimeMillis();
                load.stop();
                sent = load.sent();
                complete &= load.failed() == 0 && observer.awaitOutputs(sent, SWAP_TIMEOUT);
            }
            List<Long> swaps = new ArrayList<>();
            for (int round = 1; round <= acks.size(); round++) {
                long ack = acks.get(round - 1);
                swaps.add(observer.firstAppend(Integer.toString(round)).map(first -> first - ack).orElse(-1L));
            }
            long lost = observer.lost(sent);
            return new SwapResult(engine, model, options.rate(), swaps, observer.latencies(from, to), sent,
                    observer.scored(), observer.unscored() + observer.deadLetters(), lost, complete && lost == 0);
        }
    }

    private Path directory(String run) {
        try {
            return Files.createDirectories(workDir.resolve(run));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
