package io.modelserving.akka.javadsl;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.ActorSystem;
import akka.testkit.javadsl.TestKit;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelserving.kafka.DeliveryGuarantee;
import io.modelserving.kafka.NoModelPolicy;
import io.modelserving.kafka.ServingListener;
import io.modelserving.kafka.ServingTopics;
import io.modelserving.micrometer.ServingMetrics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every {@code withX} of the settings changes its own field and no other. */
class WithChangesOneFieldTest {

    private static ActorSystem system;

    @BeforeAll
    static void start() {
        system = ActorSystem.create("WithChangesOneFieldTest");
    }

    @AfterAll
    static void stop() {
        TestKit.shutdownActorSystem(system);
    }

    private static Map<String, Object> fields(ServingSettings s) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("parallelism", s.parallelism());
        fields.put("batchSize", s.batchSize());
        fields.put("batchWindow", s.batchWindow());
        fields.put("noModelPolicy", s.noModelPolicy());
        fields.put("noModelWait", s.noModelWait());
        fields.put("scoringDispatcher", s.scoringDispatcher());
        fields.put("modelLoadingDispatcher", s.modelLoadingDispatcher());
        fields.put("listener", s.listener());
        return fields;
    }

    private static Map<String, Object> fields(KafkaServingSettings s) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("serving", s.serving());
        fields.put("topics", s.topics());
        fields.put("deliveryGuarantee", s.deliveryGuarantee());
        fields.put("groupId", s.groupId());
        fields.put("stopTimeout", s.stopTimeout());
        fields.put("modelRestoreTimeout", s.modelRestoreTimeout());
        fields.put("transactionalIdPrefix", s.transactionalIdPrefix());
        fields.put("producer", s.producerSettings().getProperties());
        fields.put("committer", s.committerSettings().maxBatch());
        return fields;
    }

    private static <S> void changesOnly(S original, Function<S, Map<String, Object>> fields, UnaryOperator<S> with,
                                        String... changed) {
        Map<String, Object> before = fields.apply(original);
        Map<String, Object> after = fields.apply(with.apply(original));
        Set<String> differs = new java.util.TreeSet<>();
        before.forEach((name, value) -> {
            if (!value.equals(after.get(name))) {
                differs.add(name);
            }
        });
        assertThat(differs).containsExactlyInAnyOrder(changed);
    }

    @Test
    void servingSettings() {
        ServingSettings s = ServingSettings.create(system);
        Function<ServingSettings, Map<String, Object>> f = WithChangesOneFieldTest::fields;
        changesOnly(s, f, x -> x.withParallelism(5), "parallelism");
        changesOnly(s, f, x -> x.withBatch(3, Duration.ofMillis(9)), "batchSize", "batchWindow");
        changesOnly(s, f, x -> x.withNoModelPolicy(NoModelPolicy.DEAD_LETTER), "noModelPolicy");
        changesOnly(s, f, x -> x.withNoModelWait(Duration.ofSeconds(3)), "noModelWait");
        changesOnly(s.withNoModelPolicy(NoModelPolicy.DEAD_LETTER), f, x -> x.withNoModelWait(Duration.ofSeconds(3)),
                "noModelWait");
        changesOnly(s, f, x -> x.withScoringDispatcher("other"), "scoringDispatcher");
        changesOnly(s, f, x -> x.withModelLoadingDispatcher("loading"), "modelLoadingDispatcher");
        changesOnly(s, f, x -> x.withListener(new ServingListener() {
        }), "listener");
        changesOnly(s, f, x -> x.withMetrics(new ServingMetrics(new SimpleMeterRegistry())), "listener");
    }

    @Test
    void kafkaServingSettings() {
        KafkaServingSettings s = KafkaServingSettings.create(system).withTransactionalIdPrefix("tx0");
        Function<KafkaServingSettings, Map<String, Object>> f = WithChangesOneFieldTest::fields;
        changesOnly(s, f, x -> x.withServingSettings(x.serving().withParallelism(7)), "serving");
        changesOnly(s, f, x -> x.withTopics(ServingTopics.prefixed("p-")), "topics");
        changesOnly(s, f, x -> x.withDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE), "deliveryGuarantee");
        changesOnly(s, f, x -> x.withGroupId("g2"), "groupId");
        changesOnly(s, f, x -> x.withStopTimeout(Duration.ofSeconds(2)), "stopTimeout");
        changesOnly(s, f, x -> x.withModelRestoreTimeout(Duration.ofSeconds(9)), "modelRestoreTimeout");
        changesOnly(s, f, x -> x.withTransactionalIdPrefix("tx"), "transactionalIdPrefix");
        changesOnly(s, f, x -> x.withCommitterSettings(x.committerSettings().withMaxBatch(7)), "committer");
    }
}
