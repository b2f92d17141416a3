package io.modelserving.contract;

import static io.modelserving.contract.ContractSupport.TIMEOUT;
import static io.modelserving.contract.ContractSupport.await;
import static io.modelserving.contract.ContractSupport.awaitModel;
import static io.modelserving.contract.ContractSupport.bytes;
import static io.modelserving.contract.ContractSupport.produceRange;
import static io.modelserving.contract.ContractSupport.publish;
import static io.modelserving.contract.RoleSupport.WINE;
import static io.modelserving.contract.RoleSupport.assertServed;
import static io.modelserving.contract.RoleSupport.awaitCandidate;
import static io.modelserving.contract.RoleSupport.awaitScored;
import static io.modelserving.contract.RoleSupport.index;
import static io.modelserving.contract.ServingContract.KAFKA;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelserving.Ensemble;
import io.modelserving.EnsembleDeciders;
import io.modelserving.EnsembleResult;
import io.modelserving.Features;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelInfo;
import io.modelserving.ModelRole;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.kafka.ServingTopics;
import io.modelserving.testkit.TestModels;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The speculative-ensemble scenarios of the contract: an ensemble whose members hang serves the one that answers
 * within its deadline, and neither its records nor the instance's close wait for a hanging call (E1); a majority
 * vote serves what most members score, says so in the envelope, and is gone once a tombstone retires it (E2).
 * Every {@link ServingContract} runs them as its nested {@code Ensembles} class, on its own broker and adapter, in
 * every format, where {@link ServingContract#runsRoleScenarios} says so: at least once, and exactly once on an
 * engine whose stops are quick. The ensemble is decided in the core, the same under every guarantee. Every format carries the ensemble's decision in its envelope, so
 * each scenario checks the decision of every record as well as its served result.
 *
 * <p>Records are written by {@code ContractSupport.produceRange}: key {@code k<i>}, first feature {@code i}. The
 * test models are the testkit's: {@code TestModels.failingOnNegative} scores a record to its first feature,
 * {@code constant} to its value, {@code slow} to its value after sleeping.
 *
 * <pre>{@code
 * // inside ServingContract, annotated with JUnit's Nested
 * class Ensembles extends EnsembleContract {
 *     Ensembles() { super(ServingContract.this); }
 * }
 * }</pre>
 */
public abstract class EnsembleContract extends RoleScenarios {

    protected EnsembleContract(ServingContract contract) {
        super(contract);
    }

    /**
     * Scenario E1: an ensemble whose members hang answers within its deadline. The primary and one member sleep a
     * minute on every record, the other member answers at once: under the first-valid decider every record is
     * served by the member that answers, none is lost or dead-lettered, each envelope's decision lists the hanging
     * ones unanswered or skipped, and neither the records nor the instance's close wait for a hanging call.
     */
    @Test
    void anEnsembleWhoseMemberHangsAnswersWithinItsDeadline() throws Exception {
        int records = 300;
        double fastValue = 2.0;
        Duration hang = Duration.ofSeconds(60);
        ServingTopics topics = contract.topics("hungvote", 2);
        InstanceSettings settings = contract.settings(topics, "hungvote", "a");
        // The primary is asked like a member, so it hangs too; no record may reach it before the ensemble does.
        publish(KAFKA, topics.models(), TestModels.slow("p", WINE, hang, 1.0));
        publish(KAFKA, topics.models(), ensemble("hungvote", EnsembleDeciders.FIRST_VALID, Duration.ofMillis(500),
                TestModels.constant("fast", WINE, fastValue), TestModels.slow("hangs", WINE, hang, 3.0)));
        ServingInstance instance = contract.startReady(settings);
        awaitModel(instance, WINE, "p");
        awaitCandidate(instance, "fast", ModelRole.ENSEMBLE);
        awaitCandidate(instance, "hangs", ModelRole.ENSEMBLE);
        long start = System.nanoTime();
        produceRange(KAFKA, topics.data(), contract.format(), WINE, 0, records);
        Map<Integer, ScoredRecord<Features, Prediction>> scored = awaitScored(contract, topics, records);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // Waiting for a hanging call even once would take its whole minute.
        assertThat(took).as("time to score %d records beside models that hang for %s", records, hang)
                .isLessThan(Duration.ofSeconds(30));

        Map<String, Map<EnsembleResult.Status, Long>> hung = new TreeMap<>();
        for (ScoredRecord<Features, Prediction> envelope : scored.values()) {
            int i = index(envelope);
            assertServed(envelope, "fast", ModelRole.ENSEMBLE, fastValue);
            List<EnsembleResult.Member> members = decision(envelope, EnsembleDeciders.FIRST_VALID,
                    "p", "fast", "hangs");
            assertThat(members.get(1).status()).as("status of fast on record %d", i)
                    .isEqualTo(EnsembleResult.Status.SCORED);
            for (EnsembleResult.Member member : List.of(members.get(0), members.get(2))) {
                assertThat(member.status()).as("status of %s on record %d", member.model().name(), i)
                        .isIn(EnsembleResult.Status.UNANSWERED, EnsembleResult.Status.SKIPPED);
                hung.computeIfAbsent(member.model().name(), name -> new EnumMap<>(EnsembleResult.Status.class))
                        .merge(member.status(), 1L, Long::sum);
            }
        }
        assertThat(KAFKA.consumeAll(topics.deadLetters(), TIMEOUT)).isEmpty();

        contract.running.remove(instance);
        long closing = System.nanoTime();
        instance.close();
        Duration closed = Duration.ofNanos(System.nanoTime() - closing);
        System.out.printf("hanging ensemble (%s, %s): %d records scored in %d ms, closed in %d ms, hanging calls %s%n",
                contract.guarantee(), contract.format(), records, took.toMillis(), closed.toMillis(), hung);
        assertThat(closed).as("time to close an instance while its models hang for %s", hang)
                .isLessThan(hang.minusSeconds(10));
    }

    /**
     * Scenario E2: a majority of three decides, and the decision is in the envelope. The primary and one member
     * score a record to its first feature, the third member to a constant: every record is served that feature by
     * one of the two that agree, never by the third. After a tombstone retires the ensemble, records carry no
     * decision and are served by the primary alone.
     */
    @Test
    void aMajorityOfThreeDecidesAndTheDecisionIsInTheEnvelope() throws Exception {
        int records = 300;
        double otherValue = 1_000;   // no record's first feature: the third member never agrees
        ServingTopics topics = contract.topics("majority", 2);
        InstanceSettings settings = contract.settings(topics, "majority", "a");
        publish(KAFKA, topics.models(), TestModels.failingOnNegative("p", WINE));
        // A deadline no vote comes near: each record waits for the two that agree, whatever the machine's load.
        publish(KAFKA, topics.models(), ensemble("majority", EnsembleDeciders.MAJORITY, Duration.ofSeconds(10),
                TestModels.failingOnNegative("same", WINE), TestModels.constant("other", WINE, otherValue)));
        ServingInstance instance = contract.startReady(settings);
        awaitModel(instance, WINE, "p");
        awaitCandidate(instance, "same", ModelRole.ENSEMBLE);
        awaitCandidate(instance, "other", ModelRole.ENSEMBLE);
        produceRange(KAFKA, topics.data(), contract.format(), WINE, 0, records);

        Map<String, Long> chosen = new TreeMap<>();
        for (ScoredRecord<Features, Prediction> envelope : awaitScored(contract, topics, records).values()) {
            int i = index(envelope);
            ModelInfo served = envelope.result().modelInfo()
                    .orElseThrow(() -> new AssertionError("record " + i + " has no model"));
            assertThat(served.name()).as("model of record %d", i).isIn("p", "same");
            assertServed(envelope, served.name(), served.name().equals("p") ? ModelRole.PRIMARY : ModelRole.ENSEMBLE,
                    i);
            chosen.merge(served.name(), 1L, Long::sum);
            List<EnsembleResult.Member> members = decision(envelope, EnsembleDeciders.MAJORITY, "p", "same", "other");
            // The majority is only there once both that agree have answered.
            assertThat(members.get(0).status()).as("status of p on record %d", i)
                    .isEqualTo(EnsembleResult.Status.SCORED);
            assertThat(members.get(1).status()).as("status of same on record %d", i)
                    .isEqualTo(EnsembleResult.Status.SCORED);
            assertThat(members.get(2).chosen()).as("other chosen for record %d", i).isFalse();
        }
        System.out.printf("majority (%s, %s): served by %s%n", contract.guarantee(), contract.format(), chosen);

        KAFKA.produce(topics.models(), bytes(ModelRole.ENSEMBLE.topicKey(WINE)), null);
        await("the ensemble of " + WINE + " retired",
                () -> instance.candidateModels().getOrDefault(WINE, List.of()).isEmpty());
        produceRange(KAFKA, topics.data(), contract.format(), WINE, records, 2 * records);
        for (ScoredRecord<Features, Prediction> envelope : awaitScored(contract, topics, 2 * records).values()) {
            int i = index(envelope);
            if (i < records) {
                continue;
            }
            assertServed(envelope, "p", ModelRole.PRIMARY, i);
            assertThat(envelope.ensembleIfAny()).as("ensemble of record %d, after its retirement", i).isEmpty();
        }
        assertThat(instance.stats(WINE).candidates()).isEmpty();
        assertThat(KAFKA.consumeAll(topics.deadLetters(), TIMEOUT)).isEmpty();
    }

    /** An ensemble of {@code members} for {@code wine}, which {@code publish} writes under its role's key. */
    private static ModelDescriptor ensemble(String name, String decider, Duration deadline,
                                            ModelDescriptor... members) {
        return ModelDescriptor.builder(name, WINE, Ensemble.MODEL_TYPE)
                .ensemble(new Ensemble(List.of(members), decider, deadline)).build();
    }

    /**
     * The members in the ensemble decision of a record, checked: made by {@code decider}, listing the primary
     * {@code names[0]} first, then the ensemble's members in order, with the one chosen being the one that served.
     */
    private static List<EnsembleResult.Member> decision(ScoredRecord<Features, Prediction> envelope, String decider,
                                                        String... names) {
        int i = index(envelope);
        EnsembleResult decision = envelope.ensembleIfAny()
                .orElseThrow(() -> new AssertionError("record " + i + " has no ensemble decision"));
        assertThat(decision.decider()).as("decider of record %d", i).isEqualTo(decider);
        List<EnsembleResult.Member> members = decision.members();
        assertThat(members).extracting(member -> member.model().name()).as("members of record %d", i)
                .containsExactly(names);
        assertThat(members.get(0).model().role()).as("role of the first member of record %d", i)
                .isEqualTo(ModelRole.PRIMARY);
        assertThat(members.subList(1, members.size())).extracting(member -> member.model().role())
                .as("roles of the ensemble's members of record %d", i).containsOnly(ModelRole.ENSEMBLE);
        assertThat(members.stream().filter(EnsembleResult.Member::chosen).map(member -> member.model().name()))
                .as("members chosen for record %d", i)
                .containsExactly(envelope.result().modelInfo().orElseThrow().name());
        return members;
    }
}
