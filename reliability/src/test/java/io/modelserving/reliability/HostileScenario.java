package io.modelserving.reliability;

import io.modelserving.examples.wine.Wine;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Ten times the shared contract's hostile mix against a separate serve process: half of 40,000 data records are
 * malformed, and 500 bad model messages come in between. The process must live, keep its model, and account for
 * every record.
 */
final class HostileScenario {

    static final int RECORDS = Integer.getInteger("reliability.hostile.records", 40_000);
    static final int BAD_MODELS = RECORDS / 80;

    private HostileScenario() {
    }

    static Outcome run(Context context, String engine) throws Exception {
        Serve.Setup setup = context.setup("hostile", engine, "at-least-once");
        context.publishModel(setup, 1);
        Serve serve = new Serve(setup, "instance-1", Serve.freePort(), List.of()).start()
                .awaitReady(Duration.ofSeconds(90));
        try (Ledger ledger = new Ledger(setup.servers(), setup.topics())) {
            HostileInput input = new HostileInput(42);
            Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
            Set<Long> badModelOffsets = ConcurrentHashMap.newKeySet();
            AtomicLong failed = new AtomicLong();
            for (int i = 0; i < RECORDS; i++) {
                context.producer().send(new ProducerRecord<>(setup.topics().topics().data(), "r-" + i, input.data(i)),
                        (meta, error) -> {
                            if (error == null) {
                                acknowledged.add(Ledger.position(meta.partition(), meta.offset()));
                            } else {
                                failed.incrementAndGet();
                            }
                        });
                if (i % (RECORDS / BAD_MODELS) == 0) {
                    context.producer().send(new ProducerRecord<>(setup.topics().topics().models(), Wine.DATA_TYPE,
                            input.model(i / (RECORDS / BAD_MODELS))), (meta, error) -> {
                                if (error == null) {
                                    badModelOffsets.add(meta.offset());
                                } else {
                                    failed.incrementAndGet();
                                }
                            });
                }
            }
            context.producer().flush();
            ledger.awaitAll(acknowledged, Duration.ofSeconds(60));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (badModelOffsets.stream().anyMatch(o -> ledger.modelDeadLettersOf(o) == 0)
                    && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            long[] perBadModel = badModelOffsets.stream().mapToLong(ledger::modelDeadLettersOf).toArray();
            long ofRepublished = ledger.modelDeadLetters() - Arrays.stream(perBadModel).sum();
            boolean alive = serve.alive();
            long otherModel = ledger.scorings().stream().filter(s -> !s.modelVersion().equals("1")).count();
            serve.stop();
            long missing = ledger.missing(acknowledged);
            Row row = new Row("hostile input ×10", engine, "at-least-once", acknowledged.size(),
                    acknowledged.size() - missing, missing, ledger.duplicates(), 0, "-", -1,
                    RECORDS / 2 + BAD_MODELS, alive ? 0 : 1, serve.peakHeap() >> 20, serve.peakRss() >> 20,
                    ledger.deadLetters() + " data and " + (ledger.modelDeadLetters() - ofRepublished)
                            + " model dead letters (+ " + ofRepublished + " of republished models the flood crowded "
                            + "out); "
                            + (otherModel == 0 ? "model kept" : otherModel + " records scored by another model"));
            context.report.add(row);
            return new Outcome(row, alive, otherModel, ledger.deadLetters(), perBadModel,
                    ledger.modelDeadLetterReasons(), ledger.unreadable(), failed.get());
        } finally {
            if (serve.alive()) {
                serve.stop();
            }
        }
    }

    /** What the test asserts on. */
    record Outcome(Row row, boolean alive, long scoredByAnotherModel, long deadLetters, long[] deadLettersPerBadModel,
                   Map<String, Long> modelDeadLetterReasons, long unreadable, long sendFailures) {
    }
}
