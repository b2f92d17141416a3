package io.modelserving.akka.bench;

import akka.actor.ActorSystem;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import com.typesafe.config.ConfigFactory;
import io.modelserving.Features;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelProcessor;
import io.modelserving.Prediction;
import io.modelserving.akka.javadsl.ModelServing;
import io.modelserving.akka.javadsl.ServingSettings;
import io.modelserving.testkit.TestModels;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Records per second through {@link ModelServing#flow} with an in-memory constant model, for a few parallelism
 * and batch settings: the overhead of the serving stage itself. Not a test; run it by hand (see the module's
 * notes), on a quiet machine for stable numbers.
 */
public final class FlowThroughput {

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        ActorSystem system = ActorSystem.create("FlowThroughput",
                ConfigFactory.parseString("akka.loglevel = WARNING").withFallback(ConfigFactory.load()));
        try {
            int[][] configs = {{1, 1}, {2, 1}, {1, 16}, {2, 16}, {2, 64}, {4, 64}};
            for (int round = 0; round < 2; round++) {          // the first round warms the JIT up
                for (int[] config : configs) {
                    double rate = run(system, records, config[0], config[1]);
                    if (round == 1) {
                        System.out.printf("parallelism=%d batch-size=%-3d %,12.0f records/s%n", config[0], config[1],
                                rate);
                    }
                }
            }
        } finally {
            system.terminate();
        }
    }

    private static double run(ActorSystem system, int records, int parallelism, int batchSize) throws Exception {
        ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder().factories(TestModels.factories()).build();
        processor.update(TestModels.constant("m1", "wine", 1.0));
        ServingSettings settings = ServingSettings.create(system).withParallelism(parallelism)
                .withBatch(batchSize, Duration.ofMillis(5));
        Features record = TestModels.features("wine", 1, 2, 3);
        long start = System.nanoTime();
        long count = Source.repeat(record).take(records)
                .via(ModelServing.flow(Source.<ModelDescriptor>never(), processor, Features::dataType, settings))
                .runWith(Sink.fold(0L, (n, scored) -> n + 1), system)
                .toCompletableFuture().get(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        processor.close();
        if (count != records) {
            throw new IllegalStateException("expected " + records + " outputs, got " + count);
        }
        return records / seconds;
    }
}
