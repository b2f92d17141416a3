package io.modelserving.contract;

import static io.modelserving.contract.ContractSupport.TIMEOUT;
import static io.modelserving.contract.ContractSupport.await;
import static io.modelserving.contract.ContractSupport.decode;
import static io.modelserving.contract.ContractSupport.key;
import static io.modelserving.contract.ServingContract.KAFKA;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelserving.CandidateStats;
import io.modelserving.Features;
import io.modelserving.ModelInfo;
import io.modelserving.ModelRole;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.ScoringResult;
import io.modelserving.kafka.ServingTopics;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Helpers of the role scenarios ({@link DeploymentContract}, {@link EnsembleContract}): waiting for the scored
 * envelopes and candidate models of {@link #WINE}, and checking which model served a record, in which role and with
 * what value. A record is told apart by its first feature, as {@code ContractSupport.produceRange} writes it.
 */
final class RoleSupport {

    /** The data type every role scenario serves. */
    static final String WINE = "wine";

    private RoleSupport() {
    }

    /**
     * The envelopes of the scored topic, read from the broker of {@code contract} in its format, by the first feature
     * of their record, once there are {@code count} distinct ones (a duplicate under at-least-once counts once),
     * checking each one's key.
     */
    static Map<Integer, ScoredRecord<Features, Prediction>> awaitScored(ServingContract contract, ServingTopics topics,
                                                                        int count) {
        AtomicReference<Map<Integer, ScoredRecord<Features, Prediction>>> read = new AtomicReference<>(Map.of());
        await(count + " records scored", () -> {
            Map<Integer, ScoredRecord<Features, Prediction>> byIndex = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> record : KAFKA.consumeAll(topics.scored(), TIMEOUT)) {
                ScoredRecord<Features, Prediction> envelope = decode(contract.format(), record);
                assertThat(key(record)).startsWith("k");
                byIndex.putIfAbsent(index(envelope), envelope);
            }
            read.set(byIndex);
            return byIndex.size() >= count;
        }, () -> read.get().size() + " so far");
        return read.get();
    }

    /** Waits until {@code instance} has model {@code name} of {@link #WINE} in {@code role} beside its primary. */
    static void awaitCandidate(ServingInstance instance, String name, ModelRole role) {
        await(role.label() + " " + name + " of " + WINE, () -> instance.candidateModels()
                .getOrDefault(WINE, List.of()).stream()
                .anyMatch(model -> model.name().equals(name) && model.role() == role));
    }

    /** The stats of the candidate of {@link #WINE} in {@code role}; fails the test when there is none. */
    static CandidateStats candidateStats(ServingInstance instance, ModelRole role) {
        return instance.stats(WINE).candidate(role)
                .orElseThrow(() -> new AssertionError("no " + role.label() + " in the stats of " + WINE));
    }

    /** Checks that {@code envelope} was scored to {@code value} by the model {@code model} in {@code role}. */
    static void assertServed(ScoredRecord<Features, Prediction> envelope, String model, ModelRole role, double value) {
        ModelInfo info = envelope.result().modelInfo()
                .orElseThrow(() -> new AssertionError("record " + index(envelope) + " has no model"));
        assertThat(info.name()).as("model of record %d", index(envelope)).isEqualTo(model);
        assertThat(info.role()).as("role of the model of record %d", index(envelope)).isEqualTo(role);
        assertThat(valueOf(envelope.result())).as("value of record %d", index(envelope)).isEqualTo(value);
    }

    /** The number of the record in {@code envelope}: its first feature. */
    static int index(ScoredRecord<Features, Prediction> envelope) {
        return (int) envelope.input().value(0);
    }

    /** The value {@code result} scored; fails the test when it is no score. */
    static double valueOf(ScoringResult<Prediction> result) {
        if (!(result instanceof ScoringResult.Scored<Prediction> scored)) {
            throw new AssertionError("not scored: " + result);
        }
        return scored.value().value();
    }
}
