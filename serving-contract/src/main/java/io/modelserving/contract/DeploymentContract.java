package io.modelserving.contract;

import static io.modelserving.contract.ContractSupport.TIMEOUT;
import static io.modelserving.contract.ContractSupport.await;
import static io.modelserving.contract.ContractSupport.awaitModel;
import static io.modelserving.contract.ContractSupport.bytes;
import static io.modelserving.contract.ContractSupport.key;
import static io.modelserving.contract.ContractSupport.produceRange;
import static io.modelserving.contract.ContractSupport.publish;
import static io.modelserving.contract.RoleSupport.WINE;
import static io.modelserving.contract.RoleSupport.assertServed;
import static io.modelserving.contract.RoleSupport.awaitCandidate;
import static io.modelserving.contract.RoleSupport.awaitScored;
import static io.modelserving.contract.RoleSupport.candidateStats;
import static io.modelserving.contract.RoleSupport.index;
import static io.modelserving.contract.RoleSupport.valueOf;
import static io.modelserving.contract.ServingContract.KAFKA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelserving.CandidateStats;
import io.modelserving.Features;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelRole;
import io.modelserving.Prediction;
import io.modelserving.PromotionRule;
import io.modelserving.ScoredRecord;
import io.modelserving.Scorer;
import io.modelserving.ShadowComparison;
import io.modelserving.ShadowResult;
import io.modelserving.codec.Codecs;
import io.modelserving.kafka.ModelMessages;
import io.modelserving.kafka.ServingTopics;
import io.modelserving.testkit.TestModels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The model-role scenarios of the contract: a shadow never changes a served result and is compared as the test
 * computes; a canary takes its share of keys, the same keys after a restart; a promotion moves each record to the
 * new model entirely, once per partition; a shadow that fails or hangs neither fails nor holds back a record; a
 * shadow's promotion rule is judged and its verdict published on the model topic.
 * Every {@link ServingContract} runs them as its nested {@code ModelRoles} class, on its own broker and adapter,
 * in every format, where {@link ServingContract#runsRoleScenarios} says so: at least once, and exactly once on
 * an engine whose stops are quick. Roles are decided in the core, the same under every guarantee.
 *
 * <p>Records are written by {@code ContractSupport.produceRange}: key {@code k<i>}, first feature {@code i}. The
 * test models are the testkit's: {@code TestModels.failingOnNegative} scores a record to its first feature,
 * {@code constant} to its value.
 *
 * <pre>{@code
 * // inside ServingContract, annotated with JUnit's Nested
 * class ModelRoles extends DeploymentContract {
 *     ModelRoles() { super(ServingContract.this); }
 * }
 * }</pre>
 */
public abstract class DeploymentContract extends RoleScenarios {

    protected DeploymentContract(ServingContract contract) {
        super(contract);
    }

    /**
     * Scenario R1: a shadow never changes a scored result; each envelope after it is deployed carries its result,
     * and its comparison stats equal what the test computes from those envelopes.
     */
    @Test
    void aShadowNeverChangesAResultAndIsComparedAsComputed() throws Exception {
        double tolerance = 500;
        double shadowValue = 1_000;
        ServingTopics topics = contract.topics("shadow", 2);
        // A generous deadline and spare threads: here every shadow result must arrive, on a busy machine too.
        InstanceSettings settings = contract.settings(topics, "shadow", "a").withProcessor(ProcessorSettings
                .defaults().withComparisonTolerance(tolerance).withShadowDeadline(Duration.ofSeconds(30))
                .withShadowThreads(8));
        publish(KAFKA, topics.models(), TestModels.failingOnNegative("p", WINE));
        ServingInstance instance = contract.startReady(settings);
        awaitModel(instance, WINE, "p");
        produceRange(KAFKA, topics.data(), contract.format(), WINE, 0, 500);
        awaitScored(contract, topics, 500);
        publish(KAFKA, topics.models(), asRole(TestModels.constant("s", WINE, shadowValue), ModelRole.SHADOW));
        awaitCandidate(instance, "s", ModelRole.SHADOW);
        produceRange(KAFKA, topics.data(), contract.format(), WINE, 500, 2_000);

        Map<Integer, ScoredRecord<Features, Prediction>> scored = awaitScored(contract, topics, 2_000);
        long compared = 0;
        long agreed = 0;
        double differences = 0;
        for (ScoredRecord<Features, Prediction> envelope : scored.values()) {
            int i = index(envelope);
            assertServed(envelope, "p", ModelRole.PRIMARY, i);
            if (i < 500) {
                assertThat(envelope.shadowIfAny()).as("shadow of record %d, scored before the shadow", i).isEmpty();
                continue;
            }
            ShadowResult<Prediction> shadow = envelope.shadowIfAny()
                    .orElseThrow(() -> new AssertionError("record " + i + " has no shadow result"));
            assertThat(shadow.model().name()).isEqualTo("s");
            assertThat(shadow.model().role()).isEqualTo(ModelRole.SHADOW);
            assertThat(shadow.status()).as("shadow status of record %d", i).isEqualTo(ShadowResult.Status.SCORED);
            assertThat(valueOf(shadow.result())).as("shadow value of record %d", i).isEqualTo(shadowValue);
            double difference = Math.abs(i - shadowValue);
            assertThat(shadow.compared()).as("record %d compared", i).isTrue();
            assertThat(shadow.agrees()).as("record %d agrees", i).isEqualTo(difference <= tolerance);
            assertThat(shadow.difference()).as("difference on record %d", i).isEqualTo(difference);
            compared++;
            agreed += difference <= tolerance ? 1 : 0;
            differences += difference;
        }
        assertThat(compared).isEqualTo(1_500);
        assertThat(agreed).as("some agree, some do not").isStrictlyBetween(0L, compared);
        ShadowComparison stats = candidateStats(instance, ModelRole.SHADOW).comparison();
        assertThat(stats.records()).as("records offered to the shadow").isEqualTo(compared);
        assertThat(stats.compared()).isEqualTo(compared);
        assertThat(stats.agreed()).isEqualTo(agreed);
        assertThat(stats.meanAbsoluteDifference()).isCloseTo(differences / compared, within(1e-9));
        assertThat(stats.failures() + stats.timedOut() + stats.skipped()).isZero();
        assertThat(KAFKA.consumeAll(topics.deadLetters(), TIMEOUT)).isEmpty();
    }

    /**
     * Scenario R2: a canary at 20 % of 2,000 keys scores the keys its route takes (within 4 standard deviations of
     * its share), and the same keys again after a restart.
     */
    @Test
    void aCanaryTakesItsShareOfKeysAndTheSameKeysAfterARestart() throws Exception {
        int keys = 2_000;
        double percent = 20;
        ServingTopics topics = contract.topics("canary", 2);
        InstanceSettings settings = contract.settings(topics, "canary", "a");
        publish(KAFKA, topics.models(), TestModels.constant("p", WINE, 1.0));
        publish(KAFKA, topics.models(), asRole(TestModels.constant("c", WINE, 2.0), ModelRole.CANARY, percent));
        Set<String> predicted = new HashSet<>();
        for (int i = 0; i < keys; i++) {
            if (Scorer.canaryTakes(Scorer.route(bytes("k" + i)), percent)) {
                predicted.add("k" + i);
            }
        }
        double sd = Math.sqrt(keys * (percent / 100) * (1 - percent / 100));
        assertThat((double) predicted.size()).as("predicted canary keys")
                .isCloseTo(keys * percent / 100, within(4 * sd));

        ServingInstance first = contract.startReady(settings);
        awaitModel(first, WINE, "p");
        awaitCandidate(first, "c", ModelRole.CANARY);
        produceRange(KAFKA, topics.data(), contract.format(), WINE, 0, keys);
        Set<String> before = canaryKeys(awaitScored(contract, topics, keys).values(), 0, keys);
        assertThat(before).isEqualTo(predicted);
        CandidateStats canary = candidateStats(first, ModelRole.CANARY);
        assertThat(canary.canaryPercent()).isEqualTo(percent);
        assertThat(canary.invocations()).isEqualTo(predicted.size());
        assertThat(canary.comparison()).isNull();
        assertThat(first.stats(WINE).invocations()).isEqualTo(keys - predicted.size());

        contract.running.remove(first);
        first.close();
        ServingInstance second = contract.startReady(settings);
        awaitModel(second, WINE, "p");
        awaitCandidate(second, "c", ModelRole.CANARY);
        List<ProducerRecord<byte[], byte[]>> again = new ArrayList<>();
        for (int i = 0; i < keys; i++) {   // the same keys, told apart by their first feature
            again.add(new ProducerRecord<>(topics.data(), bytes("k" + i),
                    contract.format().features().encode(Features.positional(WINE, keys + i))));
        }
        KAFKA.produceAll(again);
        Set<String> after = canaryKeys(awaitScored(contract, topics, 2 * keys).values(), keys, 2 * keys);
        assertThat(after).as("canary keys after the restart").isEqualTo(before);
        assertThat(candidateStats(second, ModelRole.CANARY).invocations()).isEqualTo(predicted.size());
        assertThat(KAFKA.consumeAll(topics.deadLetters(), TIMEOUT)).isEmpty();
    }

    /**
     * Scenario R3: promoting the shadow while records flow. Every record is scored entirely by one model, and in
     * each partition no record after the first one the promoted model scored goes back to the old primary;
     * afterwards the shadow role is empty.
     */
    @Test
    void aPromotionMovesEachRecordAtomicallyAndEmptiesTheShadowRole() throws Exception {
        ServingTopics topics = contract.topics("promote", 2);
        InstanceSettings settings = contract.settings(topics, "promote", "a").withProcessor(ProcessorSettings
                .defaults().withShadowDeadline(Duration.ofSeconds(30)).withShadowThreads(8));
        ModelDescriptor shadow = asRole(TestModels.constant("s", WINE, 2.0), ModelRole.SHADOW);
        publish(KAFKA, topics.models(), TestModels.constant("p", WINE, 1.0));
        publish(KAFKA, topics.models(), shadow);
        ServingInstance instance = contract.startReady(settings);
        awaitModel(instance, WINE, "p");
        awaitCandidate(instance, "s", ModelRole.SHADOW);
        produceRange(KAFKA, topics.data(), contract.format(), WINE, 0, 1_000);
        awaitScored(contract, topics, 1_000);
        produceRange(KAFKA, topics.data(), contract.format(), WINE, 1_000, 5_000);
        publish(KAFKA, topics.models(), shadow.withRole(ModelRole.PRIMARY, 0));   // while those are scored
        awaitModel(instance, WINE, "s");
        produceRange(KAFKA, topics.data(), contract.format(), WINE, 5_000, 6_000);

        Map<Integer, ScoredRecord<Features, Prediction>> scored = awaitScored(contract, topics, 6_000);
        Map<Integer, List<ScoredRecord<Features, Prediction>>> byPartition = new HashMap<>();
        for (ScoredRecord<Features, Prediction> envelope : scored.values()) {
            int i = index(envelope);
            String model = envelope.result().modelInfo().orElseThrow().name();
            assertThat(model).as("model of record %d", i).isIn("p", "s");
            if (model.equals("p")) {
                assertServed(envelope, "p", ModelRole.PRIMARY, 1.0);
                // A record pinned as the promotion lands may find the shadow role empty already.
                envelope.shadowIfAny().ifPresent(result -> {
                    assertThat(result.model().name()).isEqualTo("s");
                    assertThat(result.model().role()).isEqualTo(ModelRole.SHADOW);
                    assertThat(valueOf(result.result())).as("shadow value of record %d", i).isEqualTo(2.0);
                });
            } else {
                assertServed(envelope, "s", ModelRole.PRIMARY, 2.0);
                assertThat(envelope.shadowIfAny()).as("shadow of record %d, after the promotion", i).isEmpty();
            }
            if (i < 1_000) {
                assertThat(model).as("record %d, scored before the promotion", i).isEqualTo("p");
                assertThat(envelope.shadowIfAny()).as("shadow of record %d", i).isPresent();
            } else if (i >= 5_000) {
                assertThat(model).as("record %d, written after the promotion", i).isEqualTo("s");
            }
            byPartition.computeIfAbsent(envelope.origin().partition(), p -> new ArrayList<>()).add(envelope);
        }
        long midStreamByOld = scored.values().stream().filter(e -> index(e) >= 1_000 && index(e) < 5_000)
                .filter(e -> e.result().modelInfo().orElseThrow().name().equals("p")).count();
        System.out.printf("promotion (%s, %s): of the 4,000 records in flow, %d scored by the old primary%n",
                contract.guarantee(), contract.format(), midStreamByOld);
        for (List<ScoredRecord<Features, Prediction>> partition : byPartition.values()) {
            partition.sort((a, b) -> Long.compare(a.origin().offset(), b.origin().offset()));
            long promotedAt = Long.MAX_VALUE;
            for (ScoredRecord<Features, Prediction> envelope : partition) {
                boolean promoted = envelope.result().modelInfo().orElseThrow().name().equals("s");
                if (promoted) {
                    promotedAt = Math.min(promotedAt, envelope.origin().offset());
                } else {
                    assertThat(envelope.origin().offset()).as("old primary after the promoted model in partition %d",
                            envelope.origin().partition()).isLessThan(promotedAt);
                }
            }
        }
        assertThat(instance.currentModels().get(WINE).role()).isEqualTo(ModelRole.PRIMARY);
        assertThat(instance.candidateModels()).doesNotContainKey(WINE);
        assertThat(instance.stats(WINE).candidates()).isEmpty();
        assertThat(instance.stats(WINE).model().name()).isEqualTo("s");
        assertThat(KAFKA.consumeAll(topics.deadLetters(), TIMEOUT)).isEmpty();
    }

    /**
     * Scenario R4: a shadow that fails every record, then one that hangs for a minute on each. Every record is
     * scored by the primary with its value, at the processor's default shadow deadline and threads, no dead
     * letter is written, and the shadow's stats count the failures, then the records timed out or skipped.
     */
    @Test
    void aFailingOrHangingShadowNeverFailsNorHoldsBackARecord() throws Exception {
        ServingTopics topics = contract.topics("badshadow", 2);
        InstanceSettings settings = contract.settings(topics, "badshadow", "a");
        publish(KAFKA, topics.models(), TestModels.failingOnNegative("p", WINE));
        publish(KAFKA, topics.models(), asRole(TestModels.failing("f", WINE), ModelRole.SHADOW));
        ServingInstance instance = contract.startReady(settings);
        awaitModel(instance, WINE, "p");
        awaitCandidate(instance, "f", ModelRole.SHADOW);
        produceRange(KAFKA, topics.data(), contract.format(), WINE, 0, 1_000);
        Map<ShadowResult.Status, Long> failed = shadowStatuses(awaitScored(contract, topics, 1_000), 0, "f");
        assertThat(failed).doesNotContainKey(ShadowResult.Status.SCORED).containsKey(ShadowResult.Status.FAILED);
        AtomicReference<ShadowComparison> failing = new AtomicReference<>();
        // A call past the deadline fails later: count it once it has.
        await("the failing shadow's calls counted", () -> {
            failing.set(candidateStats(instance, ModelRole.SHADOW).comparison());
            return failing.get().failures() + failing.get().skipped() >= 1_000;
        }, () -> String.valueOf(failing.get()));
        assertThat(failing.get().records()).isEqualTo(1_000);
        assertThat(failing.get().failures() + failing.get().skipped()).isEqualTo(1_000);
        assertThat(failing.get().skipped()).isEqualTo(failed.getOrDefault(ShadowResult.Status.SKIPPED, 0L));
        assertThat(failing.get().timedOut()).isEqualTo(failed.getOrDefault(ShadowResult.Status.TIMED_OUT, 0L));
        assertThat(failing.get().compared()).isZero();

        Duration hang = Duration.ofSeconds(60);
        publish(KAFKA, topics.models(), asRole(TestModels.slow("h", WINE, hang, 5.0), ModelRole.SHADOW));
        awaitCandidate(instance, "h", ModelRole.SHADOW);
        long start = System.nanoTime();
        produceRange(KAFKA, topics.data(), contract.format(), WINE, 1_000, 2_000);
        Map<Integer, ScoredRecord<Features, Prediction>> scored = awaitScored(contract, topics, 2_000);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // Waiting for the shadow even once would take its whole minute.
        assertThat(took).as("time to score every record beside a shadow that hangs for %s", hang)
                .isLessThan(hang.minusSeconds(10));
        Map<ShadowResult.Status, Long> hung = shadowStatuses(scored, 1_000, "h");
        System.out.printf("hanging shadow (%s, %s): 1,000 records scored in %d ms, shadow calls %s%n",
                contract.guarantee(), contract.format(), took.toMillis(), hung);
        // The first calls take every shadow thread and time out; the records after them are not given to it.
        assertThat(hung).containsOnlyKeys(ShadowResult.Status.TIMED_OUT, ShadowResult.Status.SKIPPED);
        ShadowComparison hanging = candidateStats(instance, ModelRole.SHADOW).comparison();
        assertThat(hanging.records()).isEqualTo(1_000);
        assertThat(hanging.timedOut()).as("timed out").isEqualTo(hung.get(ShadowResult.Status.TIMED_OUT));
        assertThat(hanging.skipped()).as("skipped").isEqualTo(hung.get(ShadowResult.Status.SKIPPED));
        assertThat(hanging.compared()).isZero();
        assertThat(KAFKA.consumeAll(topics.deadLetters(), TIMEOUT)).isEmpty();
    }

    /**
     * Scenario R5: a shadow deployed with a promotion rule is promoted once its rule is met, by a message the
     * instance that writes model messages publishes to the model topic (beside the replaced primary, kept as the
     * previous model); records written afterwards are scored by it, and a restarted instance serves it too.
     */
    @Test
    void aShadowsRuleIsJudgedAndItsPromotionPublishedOnTheModelTopic() throws Exception {
        ServingTopics topics = contract.topics("rule", 2);
        InstanceSettings settings = contract.settings(topics, "rule", "a").withProcessor(ProcessorSettings
                .defaults().withShadowDeadline(Duration.ofSeconds(30)).withShadowThreads(8));
        ModelDescriptor primary = TestModels.constant("p", WINE, 1.0);
        ModelDescriptor shadow = ModelDescriptor.builder("s", WINE, primary.modelType()).version("2")
                .bytes("1.0".getBytes(StandardCharsets.UTF_8)).shadow()
                .promotion(new PromotionRule(200, 1.0, Duration.ZERO, 0)).build();
        publish(KAFKA, topics.models(), primary);
        publish(KAFKA, topics.models(), shadow);
        ServingInstance instance = contract.startReady(settings);
        awaitModel(instance, WINE, "p");
        awaitCandidate(instance, "s", ModelRole.SHADOW);

        produceRange(KAFKA, topics.data(), contract.format(), WINE, 0, 1_000);
        awaitModel(instance, WINE, "s");
        produceRange(KAFKA, topics.data(), contract.format(), WINE, 1_000, 1_500);

        Map<Integer, ScoredRecord<Features, Prediction>> scored = awaitScored(contract, topics, 1_500);
        for (int i = 1_000; i < 1_500; i++) {
            assertServed(scored.get(i), "s", ModelRole.PRIMARY, 1.0);
        }
        Map<String, List<ModelDescriptor>> published = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : KAFKA.consumeAll(topics.models(), TIMEOUT)) {
            if (record.headers().lastHeader(ModelMessages.DECIDED_BY_RULE) != null) {
                published.computeIfAbsent(key(record), k -> new ArrayList<>())
                        .add(Codecs.modelDescriptors().decode(record.value()).get());
            }
        }
        assertThat(published).containsOnlyKeys(WINE, WINE + ":previous");
        assertThat(published.get(WINE)).as("one promotion").containsExactly(shadow.withRole(ModelRole.PRIMARY, 0));
        assertThat(published.get(WINE + ":previous")).containsExactly(primary.withRole(ModelRole.PREVIOUS, 0));
        assertThat(instance.candidateModels()).doesNotContainKey(WINE);

        contract.running.remove(instance);
        instance.close();
        ServingInstance restarted = contract.startReady(settings);
        awaitModel(restarted, WINE, "s");
        assertThat(restarted.candidateModels()).as("the promoted shadow's own message is older than its promotion")
                .doesNotContainKey(WINE);
        assertThat(KAFKA.consumeAll(topics.deadLetters(), TIMEOUT)).isEmpty();
    }

    /**
     * Checks that records from {@code from} on were served by the primary with their value beside a shadow that
     * never scored them, and counts them by what became of the shadow's call.
     */
    private static Map<ShadowResult.Status, Long> shadowStatuses(
            Map<Integer, ScoredRecord<Features, Prediction>> scored, int from, String shadowName) {
        Map<ShadowResult.Status, Long> statuses = new EnumMap<>(ShadowResult.Status.class);
        for (ScoredRecord<Features, Prediction> envelope : scored.values()) {
            int i = index(envelope);
            if (i < from) {
                continue;
            }
            assertServed(envelope, "p", ModelRole.PRIMARY, i);
            ShadowResult<Prediction> shadow = envelope.shadowIfAny()
                    .orElseThrow(() -> new AssertionError("record " + i + " has no shadow result"));
            assertThat(shadow.model().name()).isEqualTo(shadowName);
            assertThat(shadow.result().isScored()).as("shadow of record %d scored", i).isFalse();
            assertThat(shadow.compared()).as("record %d compared", i).isFalse();
            statuses.merge(shadow.status(), 1L, Long::sum);
        }
        return statuses;
    }

    /** The keys of records {@code from} (inclusive) to {@code to} (exclusive) a canary scored, checking each one. */
    private static Set<String> canaryKeys(Iterable<ScoredRecord<Features, Prediction>> scored, int from, int to) {
        Set<String> keys = new HashSet<>();
        for (ScoredRecord<Features, Prediction> envelope : scored) {
            int i = index(envelope);
            if (i < from || i >= to) {
                continue;
            }
            boolean canary = envelope.result().modelInfo().orElseThrow().name().equals("c");
            assertServed(envelope, canary ? "c" : "p", canary ? ModelRole.CANARY : ModelRole.PRIMARY,
                    canary ? 2.0 : 1.0);
            assertThat(envelope.shadowIfAny()).isEmpty();
            if (canary) {
                keys.add("k" + (i - from));
            }
        }
        return keys;
    }

    private static ModelDescriptor asRole(ModelDescriptor primary, ModelRole role) {
        return asRole(primary, role, 0);
    }

    private static ModelDescriptor asRole(ModelDescriptor primary, ModelRole role, double percent) {
        return primary.withRole(role, percent);
    }
}
