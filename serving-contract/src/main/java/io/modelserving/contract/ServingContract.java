package io.modelserving.contract;

import static io.modelserving.contract.ContractSupport.TIMEOUT;
import static io.modelserving.contract.ContractSupport.await;
import static io.modelserving.contract.ContractSupport.awaitModel;
import static io.modelserving.contract.ContractSupport.bytes;
import static io.modelserving.contract.ContractSupport.deadLetter;
import static io.modelserving.contract.ContractSupport.decode;
import static io.modelserving.contract.ContractSupport.key;
import static io.modelserving.contract.ContractSupport.produceRange;
import static io.modelserving.contract.ContractSupport.publish;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelserving.Features;
import io.modelserving.ModelDescriptor;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.ScoringResult;
import io.modelserving.codec.Codecs;
import io.modelserving.kafka.DeadLetter;
import io.modelserving.kafka.DeadLetterKind;
import io.modelserving.kafka.DeliveryGuarantee;
import io.modelserving.kafka.ModelMessages;
import io.modelserving.kafka.NoModelPolicy;
import io.modelserving.kafka.ServingTopics;
import io.modelserving.testkit.EmbeddedKafkaExtension;
import io.modelserving.testkit.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract every adapter honours, run on a real broker (one per test class): hot swap in a stream of
 * 10,000 records, models broadcast to two instances, restart without loss (and without duplicates under
 * exactly-once), and dead letters for malformed data and models; its nested {@code ModelRoles} class adds the
 * shadow, canary and promotion scenarios of {@link DeploymentContract}, and its nested {@code Ensembles} class the
 * speculative-ensemble scenarios of {@link EnsembleContract}. Extend it, implement {@link #start} and
 * {@link #guarantee}, and name the class {@code *IT}. Data and scored records are protobuf unless
 * {@link #format} says otherwise; every scenario writes and reads through it. Start instances with the processor
 * {@link InstanceSettings#processor()} builds, and report its stats and candidate models from the instance.
 *
 * <pre>{@code
 * class MyAdapterExactlyOnceIT extends ServingContract {
 *     protected DeliveryGuarantee guarantee() { return DeliveryGuarantee.EXACTLY_ONCE; }
 *     protected ServingInstance start(InstanceSettings settings) { return MyAdapter.start(settings); }
 * }
 * }</pre>
 */
public abstract class ServingContract {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final AtomicInteger RUN = new AtomicInteger();
    private static final String WINE = "wine";

    final List<ServingInstance> running = new ArrayList<>();

    /** Starts one instance of the adapter under test; the contract closes it. */
    protected abstract ServingInstance start(InstanceSettings settings) throws Exception;

    /** The delivery guarantee this run of the contract tests. */
    protected abstract DeliveryGuarantee guarantee();

    /**
     * The format of data and scored records in this run, given to {@link #start} as {@link InstanceSettings#format};
     * {@link RecordFormat#PROTOBUF} unless overridden.
     */
    protected RecordFormat format() {
        return RecordFormat.PROTOBUF;
    }

    /**
     * Whether this run also runs the model-role and ensemble scenarios ({@link DeploymentContract},
     * {@link EnsembleContract}): at least once by default. Roles are decided in the core, the same under every
     * guarantee, so one exactly-once run whose stops are quick is enough to show it; elsewhere, exactly-once would
     * add run time (a transactional stop may wait out its commit) and nothing else.
     */
    protected boolean runsRoleScenarios() {
        return guarantee() == DeliveryGuarantee.AT_LEAST_ONCE;
    }

    /**
     * The model-role scenarios ({@link DeploymentContract}) on this run's adapter and broker, where
     * {@link #runsRoleScenarios} says so: shadow, canary, promotion, a shadow that fails or hangs, and a shadow
     * promoted by its rule.
     */
    @Nested
    class ModelRoles extends DeploymentContract {
        ModelRoles() {
            super(ServingContract.this);
        }
    }

    /**
     * The speculative-ensemble scenarios ({@link EnsembleContract}) on this run's adapter and broker, where
     * {@link #runsRoleScenarios} says so: an ensemble whose members hang answers within its deadline, and a majority
     * vote decides, with its decision in every envelope, until a tombstone retires it.
     */
    @Nested
    class Ensembles extends EnsembleContract {
        Ensembles() {
            super(ServingContract.this);
        }
    }

    @AfterEach
    void stopInstances() {
        running.forEach(ServingInstance::close);
        running.clear();
    }

    /** Scenario 1: every input has exactly one output, scored by the model current when it was scored. */
    @Test
    void tenThousandRecordsWithTwoSwapsMidStream() throws Exception {
        ServingTopics topics = topics("swap", 2);
        InstanceSettings settings = settings(topics, "swap", "a");
        publish(KAFKA, topics.models(), TestModels.constant("m1", WINE, 1.0));
        ServingInstance instance = startReady(settings);
        awaitModel(instance, WINE, "m1");

        produceRange(KAFKA, topics.data(), format(), WINE, 0, 1_000);
        assertThat(KAFKA.consume(topics.scored(), 1_000, TIMEOUT)).hasSize(1_000);
        produceRange(KAFKA, topics.data(), format(), WINE, 1_000, 4_000);
        publish(KAFKA, topics.models(), TestModels.constant("m2", WINE, 2.0));   // while those are scored
        awaitModel(instance, WINE, "m2");
        produceRange(KAFKA, topics.data(), format(), WINE, 4_000, 7_000);
        // All of these are scored before m3 exists, so m2 must show up in the output.
        assertThat(KAFKA.consume(topics.scored(), 7_000, TIMEOUT)).hasSize(7_000);
        publish(KAFKA, topics.models(), TestModels.constant("m3", WINE, 3.0));
        awaitModel(instance, WINE, "m3");
        produceRange(KAFKA, topics.data(), format(), WINE, 7_000, 10_000);

        List<ConsumerRecord<byte[], byte[]>> out = KAFKA.consume(topics.scored(), 10_000, TIMEOUT);
        assertThat(out).hasSize(10_000);
        assertThat(KAFKA.consumeAll(topics.deadLetters(), TIMEOUT)).isEmpty();
        Map<String, Integer> seen = new HashMap<>();
        Map<Integer, List<ScoredRecord<Features, Prediction>>> byPartition = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : out) {
            ScoredRecord<Features, Prediction> scored = decode(format(), record);
            seen.merge(key(record), 1, Integer::sum);
            String model = scored.result().modelInfo().orElseThrow().name();
            double score = ((ScoringResult.Scored<Prediction>) scored.result()).value().value();
            assertThat(score).as("score of %s by %s", key(record), model).isEqualTo(constantOf(model));
            int index = (int) scored.input().value(0);
            assertThat(key(record)).isEqualTo("k" + index);
            // Records written after an instance had a model are never scored by an older one.
            if (index >= 7_000) {
                assertThat(model).as("record %d", index).isEqualTo("m3");
            } else if (index >= 4_000) {
                assertThat(model).as("record %d", index).isEqualTo("m2");
            } else if (index < 1_000) {
                assertThat(model).as("record %d", index).isEqualTo("m1");
            } else {
                assertThat(model).as("record %d", index).isIn("m1", "m2");
            }
            byPartition.computeIfAbsent(scored.origin().partition(), p -> new ArrayList<>()).add(scored);
        }
        assertThat(seen).hasSize(10_000).allSatisfy((k, count) -> assertThat(count).as(k).isEqualTo(1));
        for (List<ScoredRecord<Features, Prediction>> partition : byPartition.values()) {
            partition.sort((a, b) -> Long.compare(a.origin().offset(), b.origin().offset()));
            double last = 0;
            for (ScoredRecord<Features, Prediction> scored : partition) {
                double now = constantOf(scored.result().modelInfo().orElseThrow().name());
                assertThat(now).as("model at offset %d never goes back", scored.origin().offset())
                        .isGreaterThanOrEqualTo(last);
                last = now;
            }
        }
        assertThat(out.stream().map(r -> decode(format(), r).result().modelInfo().orElseThrow().name()).distinct())
                .contains("m1", "m2", "m3");
    }

    /** Scenario 2: two instances of one application on 4 partitions: both swap, every record is scored. */
    @Test
    void twoInstancesOnFourPartitionsBothSwapAndScoreEverything() throws Exception {
        ServingTopics topics = topics("pair", 4);
        publish(KAFKA, topics.models(), TestModels.constant("m1", WINE, 1.0));
        ServingInstance a = startReady(settings(topics, "pair", "a"));
        ServingInstance b = startReady(settings(topics, "pair", "b"));
        awaitModel(a, WINE, "m1");
        awaitModel(b, WINE, "m1");
        produceRange(KAFKA, topics.data(), format(), WINE, 0, 2_000);
        List<ConsumerRecord<byte[], byte[]>> first = KAFKA.consume(topics.scored(), 2_000, TIMEOUT);
        assertThat(first).hasSize(2_000);

        publish(KAFKA, topics.models(), TestModels.constant("m2", WINE, 2.0));
        awaitModel(a, WINE, "m2");
        awaitModel(b, WINE, "m2");
        produceRange(KAFKA, topics.data(), format(), WINE, 2_000, 4_000);

        List<ConsumerRecord<byte[], byte[]>> out = KAFKA.consume(topics.scored(), 4_000, TIMEOUT);
        assertThat(out).hasSize(4_000);
        assertThat(out.stream().map(ContractSupport::key).distinct()).hasSize(4_000);
        Set<Integer> partitions = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : out) {
            ScoredRecord<Features, Prediction> scored = decode(format(), record);
            assertThat(scored.result().isScored()).isTrue();
            partitions.add(scored.origin().partition());
            if (scored.input().value(0) >= 2_000) {
                assertThat(scored.result().modelInfo().orElseThrow().name()).isEqualTo("m2");
            }
        }
        assertThat(partitions).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(KAFKA.consumeAll(topics.deadLetters(), TIMEOUT)).isEmpty();
    }

    /** Scenario 3: a restarted instance gets its model back unpublished; nothing lost, no duplicate under EOS. */
    @Test
    void restartRestoresTheModelAndLosesNothing() throws Exception {
        ServingTopics topics = topics("restart", 2);
        InstanceSettings settings = settings(topics, "restart", "a");
        publish(KAFKA, topics.models(), TestModels.constant("m1", WINE, 1.0));
        ServingInstance first = startReady(settings);
        awaitModel(first, WINE, "m1");
        produceRange(KAFKA, topics.data(), format(), WINE, 0, 3_000);
        await("some records scored before the stop", () -> KAFKA.consume(topics.scored(), 300, TIMEOUT).size() >= 300);
        first.close();
        running.remove(first);

        ServingInstance second = startReady(settings);
        assertThat(second.currentModels()).containsKey(WINE);
        assertThat(second.currentModels().get(WINE).name()).isEqualTo("m1");
        produceRange(KAFKA, topics.data(), format(), WINE, 3_000, 4_000);

        // At-least-once may write a record twice around the restart, so count keys, not records.
        await("every input scored", () -> distinctKeys(KAFKA.consumeAll(topics.scored(), TIMEOUT)) == 4_000);
        List<ConsumerRecord<byte[], byte[]>> out = KAFKA.consumeAll(topics.scored(), TIMEOUT);
        assertThat(distinctKeys(out)).isEqualTo(4_000);
        assertThat(KAFKA.consumeAll(topics.deadLetters(), TIMEOUT)).isEmpty();
        if (guarantee() == DeliveryGuarantee.EXACTLY_ONCE) {
            assertThat(out).as("exactly once: no duplicate").hasSize(4_000);
        }
        for (ConsumerRecord<byte[], byte[]> record : out) {
            assertThat(decode(format(), record).result().modelInfo().orElseThrow().name()).isEqualTo("m1");
        }
    }

    /** Scenario 4: malformed data and models go to the dead-letter topic; the service and its model carry on. */
    @Test
    void malformedDataAndModelsAreDeadLetteredAndServingGoesOn() throws Exception {
        ServingTopics topics = topics("malformed", 1);
        publish(KAFKA, topics.models(), TestModels.constant("m1", WINE, 1.0));
        ServingInstance instance = startReady(settings(topics, "malformed", "a"));
        awaitModel(instance, WINE, "m1");

        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0x00, 0x17};
        byte[] valid = format().features().encode(Features.positional(WINE, 1.5, 2.5, 3.5));
        byte[] truncated = Arrays.copyOf(valid, valid.length - 5);
        byte[] nan = format().withNaN(WINE);
        KAFKA.produce(topics.data(), bytes("garbage"), garbage);
        KAFKA.produce(topics.data(), bytes("truncated"), truncated);
        KAFKA.produce(topics.data(), bytes("nan"), nan);
        byte[] garbageModel = bytes("this is not a model");
        ModelDescriptor nonNumeric = TestModels.descriptor("m-bad", WINE, "constant", "one point five");
        KAFKA.produce(topics.models(), bytes(WINE), garbageModel);
        publish(KAFKA, topics.models(), nonNumeric);
        KAFKA.produce(topics.data(), bytes("good"), valid);

        List<ConsumerRecord<byte[], byte[]>> letters = KAFKA.consume(topics.deadLetters(), 5, TIMEOUT);
        assertThat(letters).hasSize(5);
        Map<String, ConsumerRecord<byte[], byte[]>> data = new HashMap<>();
        List<ConsumerRecord<byte[], byte[]>> models = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> letter : letters) {
            if (deadLetter(letter).kind().isModel()) {
                models.add(letter);
            } else {
                data.put(key(letter), letter);
            }
        }
        assertThat(data.keySet()).containsExactlyInAnyOrder("garbage", "truncated", "nan");
        assertThat(data.get("garbage").value()).isEqualTo(garbage);
        assertThat(data.get("truncated").value()).isEqualTo(truncated);
        assertThat(data.get("nan").value()).isEqualTo(nan);
        for (ConsumerRecord<byte[], byte[]> letter : data.values()) {
            DeadLetter read = deadLetter(letter);
            assertThat(read.kind()).isEqualTo(DeadLetterKind.DATA_UNDECODABLE);
            assertThat(read.reason()).isNotBlank();
            assertThat(read.sourceTopic()).isEqualTo(topics.data());
            assertThat(read.sourcePartition()).isEqualTo(0);
        }
        assertThat(deadLetter(data.get("nan")).reason()).contains("NaN");
        assertThat(deadLetter(data.get("garbage")).sourceOffset()).isEqualTo(0);
        assertThat(deadLetter(data.get("nan")).sourceOffset()).isEqualTo(2);

        models.sort((x, y) -> Long.compare(deadLetter(x).sourceOffset(), deadLetter(y).sourceOffset()));
        assertThat(models).extracting(r -> deadLetter(r).kind())
                .containsExactly(DeadLetterKind.MODEL_UNDECODABLE, DeadLetterKind.MODEL_REJECTED);
        assertThat(models.get(0).value()).isEqualTo(garbageModel);
        assertThat(models.get(1).value()).isEqualTo(Codecs.modelDescriptors().encode(nonNumeric));
        DeadLetter rejected = deadLetter(models.get(1));
        assertThat(rejected.model()).isEqualTo("m-bad");
        assertThat(rejected.dataType()).isEqualTo(WINE);
        assertThat(rejected.reason()).contains("one point five");
        assertThat(rejected.sourceTopic()).isEqualTo(topics.models());
        assertThat(rejected.sourceOffset()).isEqualTo(2);

        List<ConsumerRecord<byte[], byte[]>> scored = KAFKA.consume(topics.scored(), 1, TIMEOUT);
        assertThat(scored).hasSize(1);
        assertThat(key(scored.get(0))).isEqualTo("good");
        assertThat(decode(format(), scored.get(0)).result().modelInfo().orElseThrow().name()).isEqualTo("m1");
        assertThat(instance.currentModels().get(WINE).name()).isEqualTo("m1");
        assertThat(instance.ready()).isTrue();
    }

    /**
     * Scenario 5: a hostile mix. Every input has its output (exactly once under exactly-once), every good record
     * is scored by the current model at once (no record waits for a model nobody is loading), every bad model is
     * dead-lettered once and changes nothing, and the input's headers reach every output.
     */
    @Test
    void aHostileMixIsAccountedForAndNeverStallsGoodRecords() throws Exception {
        ServingTopics topics = topics("hostile", 2);
        publish(KAFKA, topics.models(), TestModels.constant("m1", WINE, 1.0));
        // A long wait: a good record held for a model nobody is loading would stand out.
        ServingInstance instance = startReady(settings(topics, "hostile", "a")
                .withNoModel(NoModelPolicy.WAIT, Duration.ofSeconds(120)));
        awaitModel(instance, WINE, "m1");
        KAFKA.produceAll(HostileMix.models(topics.models(), WINE));
        KAFKA.produceAll(HostileMix.data(topics.data(), WINE, format()));

        int inputs = HostileMix.GOOD + HostileMix.BAD_DATA;
        AtomicReference<String> progress = new AtomicReference<>();
        await("every input and bad model accounted for", () -> {
            Set<String> keys = new HashSet<>();
            KAFKA.consumeAll(topics.scored(), TIMEOUT).forEach(r -> keys.add(key(r)));
            List<ConsumerRecord<byte[], byte[]>> all = KAFKA.consumeAll(topics.deadLetters(), TIMEOUT);
            long models = all.stream().filter(r -> deadLetter(r).kind().isModel()).count();
            all.stream().filter(r -> !deadLetter(r).kind().isModel()).forEach(r -> keys.add(key(r)));
            progress.set(keys.size() + " of " + inputs + " inputs, " + models + " of " + HostileMix.BAD_MODELS
                    + " bad models");
            return keys.size() >= inputs && models >= HostileMix.BAD_MODELS;
        }, progress::get);
        List<ConsumerRecord<byte[], byte[]>> scored = KAFKA.consumeAll(topics.scored(), TIMEOUT);
        List<ConsumerRecord<byte[], byte[]>> letters = KAFKA.consumeAll(topics.deadLetters(), TIMEOUT);
        Map<String, Integer> outputs = new HashMap<>();
        List<Long> latencies = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : scored) {
            ScoredRecord<Features, Prediction> envelope = decode(format(), record);
            outputs.merge(key(record), 1, Integer::sum);
            assertThat(key(record)).as("only good records are scored").startsWith("good-");
            assertThat(envelope.result().modelInfo().orElseThrow().name()).isEqualTo("m1");
            assertThat(((ScoringResult.Scored<Prediction>) envelope.result()).value().value()).isEqualTo(1.0);
            assertThat(key(record)).isEqualTo("good-" + (int) envelope.input().value(0));
            assertThat(new String(record.headers().lastHeader(HostileMix.TRACE).value()))
                    .isEqualTo("00-trace-" + (int) envelope.input().value(0));
            latencies.add(envelope.scoredAtMillis() - envelope.origin().timestampMillis());
        }
        int modelLetters = 0;
        for (ConsumerRecord<byte[], byte[]> letter : letters) {
            DeadLetter read = deadLetter(letter);
            assertThat(read.reason()).as("reason of %s", key(letter)).isNotBlank();
            if (read.kind().isModel()) {
                modelLetters++;
                assertThat(read.sourceTopic()).isEqualTo(topics.models());
                continue;
            }
            outputs.merge(key(letter), 1, Integer::sum);
            assertThat(key(letter)).as("good records are never dead-lettered").startsWith("bad-");
            assertThat(letter.headers().lastHeader(HostileMix.TRACE)).as("trace of %s", key(letter)).isNotNull();
            HostileMix.Refusal refusal = HostileMix.refusal(key(letter));
            assertThat(read.kind()).as("kind of %s", key(letter)).isEqualTo(refusal.kind());
            assertThat(read.reason()).as("reason of %s", key(letter)).contains(refusal.reasonSays());
        }
        assertThat(outputs).as("one output per input").hasSize(inputs);
        if (guarantee() == DeliveryGuarantee.EXACTLY_ONCE) {
            assertThat(outputs).allSatisfy((k, count) -> assertThat(count).as(k).isEqualTo(1));
        }
        assertThat(modelLetters).as("each bad model dead-lettered once").isEqualTo(HostileMix.BAD_MODELS);
        assertThat(instance.currentModels().get(WINE).name()).isEqualTo("m1");
        latencies.sort(Long::compare);
        System.out.printf("hostile mix (%s, %s): send-to-scored latency under the burst p50 %d ms, max %d ms%n",
                guarantee(), format(), latencies.get(latencies.size() / 2), latencies.get(latencies.size() - 1));
        // Throughput bounds this (at-most-once commits every record); a wait of 120 s would show.
        assertThat(latencies.get(latencies.size() - 1)).as("max latency in ms under the burst").isLessThan(60_000);

        // Then a trickle on the idle service: each good record right behind one of a data type with no model.
        List<String> trickle = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            KAFKA.produce(topics.data(), bytes("bad-trickle-" + i),
                    format().features().encode(Features.positional("nobody-" + i, 1.0)));
            KAFKA.produce(topics.data(), bytes("good-trickle-" + i),
                    format().features().encode(Features.positional(WINE, i)));
            trickle.add("good-trickle-" + i);
            Thread.sleep(50);
        }
        await("the trickle scored", () -> KAFKA.consumeAll(topics.scored(), TIMEOUT).stream()
                .filter(r -> key(r).startsWith("good-trickle-")).map(ContractSupport::key).distinct().count() == 20);
        List<Long> trickled = KAFKA.consumeAll(topics.scored(), TIMEOUT).stream()
                .filter(r -> trickle.contains(key(r))).map(r -> decode(format(), r))
                .map(e -> e.scoredAtMillis() - e.origin().timestampMillis()).sorted().toList();
        System.out.printf("hostile mix (%s, %s): send-to-scored latency of the trickle p50 %d ms, max %d ms%n",
                guarantee(), format(), trickled.get(trickled.size() / 2), trickled.get(trickled.size() - 1));
        assertThat(trickled.get(trickled.size() - 1)).as("max trickle latency in ms").isLessThan(1_000);
    }

    /**
     * Scenario 6: two instances under the dead-letter policy. A record of a data type with no model is
     * dead-lettered at once by whichever instance reads it; each bad model message, read by both instances, is
     * dead-lettered once for the application.
     */
    @Test
    void twoInstancesDeadLetterEachBadModelOnceAndUnknownDataTypesAtOnce() throws Exception {
        ServingTopics topics = topics("once", 2);
        publish(KAFKA, topics.models(), TestModels.constant("m1", WINE, 1.0));
        ServingInstance a = startReady(settings(topics, "once", "a").withNoModel(NoModelPolicy.DEAD_LETTER,
                Duration.ofSeconds(120)));
        ServingInstance b = startReady(settings(topics, "once", "b").withNoModel(NoModelPolicy.DEAD_LETTER,
                Duration.ofSeconds(120)));
        awaitModel(a, WINE, "m1");
        awaitModel(b, WINE, "m1");
        for (int i = 0; i < 3; i++) {
            KAFKA.produce(topics.models(), bytes(WINE), bytes("not a model " + i));
        }
        produceRange(KAFKA, topics.data(), format(), "beer", 0, 100);
        produceRange(KAFKA, topics.data(), format(), WINE, 100, 200);

        assertThat(KAFKA.consume(topics.scored(), 100, TIMEOUT)).hasSize(100);
        await("the no-model and model dead letters", () -> KAFKA.consumeAll(topics.deadLetters(), TIMEOUT).size() >= 103);
        Thread.sleep(2_000);   // time for a second copy of a model dead letter to show up, if one were written
        List<ConsumerRecord<byte[], byte[]>> letters = KAFKA.consumeAll(topics.deadLetters(), TIMEOUT);
        assertThat(letters.stream().filter(r -> deadLetter(r).kind() == DeadLetterKind.NO_MODEL)
                .map(ContractSupport::key).distinct()).hasSize(100);
        assertThat(letters.stream().filter(r -> deadLetter(r).kind().isModel()).map(r -> deadLetter(r).sourceOffset()))
                .as("each bad model once").containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(a.currentModels().get(WINE).name()).isEqualTo("m1");
        assertThat(b.currentModels().get(WINE).name()).isEqualTo("m1");
    }

    /**
     * Scenario 7: after a rejected model the last accepted one is published again, so the newest message of the
     * data type on the compacted model topic is a good model, and a restarted instance serves what the running
     * one served.
     */
    @Test
    void afterARejectedModelTheLastAcceptedOneIsNewestAndSurvivesARestart() throws Exception {
        ServingTopics topics = topics("republish", 1);
        InstanceSettings settings = settings(topics, "republish", "a");
        publish(KAFKA, topics.models(), TestModels.constant("m1", WINE, 1.0));
        ServingInstance first = startReady(settings);
        awaitModel(first, WINE, "m1");
        publish(KAFKA, topics.models(), TestModels.failingOnLoad("bad", WINE));

        List<ConsumerRecord<byte[], byte[]>> letters = KAFKA.consume(topics.deadLetters(), 1, TIMEOUT);
        assertThat(deadLetter(letters.get(0)).kind()).isEqualTo(DeadLetterKind.MODEL_REJECTED);
        await("the last accepted model published again", () -> KAFKA.consumeAll(topics.models(), TIMEOUT).size() == 3);
        ConsumerRecord<byte[], byte[]> newest = KAFKA.consumeAll(topics.models(), TIMEOUT).get(2);
        assertThat(key(newest)).isEqualTo(WINE);
        assertThat(Codecs.modelDescriptors().decode(newest.value()).get().name()).isEqualTo("m1");
        assertThat(new String(newest.headers().lastHeader(ModelMessages.REPUBLISHED_AFTER).value()))
                .isEqualTo(Long.toString(deadLetter(letters.get(0)).sourceOffset()));
        Thread.sleep(1_000);   // time for a second republish to show, if one were written
        assertThat(KAFKA.consumeAll(topics.models(), TIMEOUT)).as("published again once").hasSize(3);
        assertThat(first.currentModels().get(WINE).name()).isEqualTo("m1");

        first.close();
        running.remove(first);
        ServingInstance second = startReady(settings);
        assertThat(second.currentModels().get(WINE).name()).isEqualTo("m1");
    }

    ServingInstance startReady(InstanceSettings settings) throws Exception {
        ServingInstance instance = start(settings);
        running.add(instance);
        await("instance " + settings.instanceName() + " ready", instance::ready);
        return instance;
    }

    ServingTopics topics(String scenario, int dataPartitions) {
        ServingTopics topics = ServingTopics.prefixed(scenario + "-" + guarantee().name().toLowerCase() + "-"
                + format().name().toLowerCase() + "-" + RUN.incrementAndGet() + "-");
        KAFKA.createTopic(topics.data(), dataPartitions);
        KAFKA.createCompactedTopic(topics.models(), 1);   // the core requires one
        KAFKA.createTopic(topics.scored(), dataPartitions);
        KAFKA.createTopic(topics.deadLetters(), 1);
        return topics;
    }

    InstanceSettings settings(ServingTopics topics, String scenario, String name) throws Exception {
        String app = topics.data().replace("-modelserving-data", "") + "-app";
        Path stateDir = stateDirs.computeIfAbsent(app + "/" + name, k -> {
            try {
                return Files.createTempDirectory("serving-contract-" + name + "-");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return new InstanceSettings(KAFKA.bootstrapServers(), topics, app, name, guarantee(), format(),
                NoModelPolicy.WAIT, NoModelPolicy.DEFAULT_WAIT_TIMEOUT, stateDir, Map.of());
    }

    private final Map<String, Path> stateDirs = new HashMap<>();

    private static int distinctKeys(List<ConsumerRecord<byte[], byte[]>> records) {
        Set<String> keys = new HashSet<>();
        records.forEach(record -> keys.add(key(record)));
        return keys.size();
    }

    private static double constantOf(String model) {
        return switch (model) {
            case "m1" -> 1.0;
            case "m2" -> 2.0;
            case "m3" -> 3.0;
            default -> throw new AssertionError("unexpected model " + model);
        };
    }
}
