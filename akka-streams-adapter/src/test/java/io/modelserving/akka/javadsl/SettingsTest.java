package io.modelserving.akka.javadsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import akka.actor.ActorSystem;
import akka.kafka.ConsumerSettings;
import akka.testkit.javadsl.TestKit;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.modelserving.kafka.DeliveryGuarantee;
import io.modelserving.kafka.InstanceId;
import io.modelserving.kafka.NoModelPolicy;
import io.modelserving.kafka.ServingListener;
import io.modelserving.kafka.ServingTopics;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static ActorSystem system;

    @BeforeAll
    static void start() {
        system = ActorSystem.create("SettingsTest", ConfigFactory.parseString("""
                akka.loglevel = WARNING
                modelserving.akka.kafka.kafka-clients { security.protocol = PLAINTEXT }
                """).withFallback(ConfigFactory.load()));
    }

    @AfterAll
    static void stop() {
        TestKit.shutdownActorSystem(system);
    }

    @Test
    void servingDefaultsComeFromReferenceConf() {
        ServingSettings settings = ServingSettings.create(system);
        assertThat(settings.parallelism()).isEqualTo(2);
        assertThat(settings.batchSize()).isEqualTo(16);
        assertThat(settings.batchWindow()).isEqualTo(Duration.ofMillis(5));
        assertThat(settings.noModelPolicy()).isEqualTo(NoModelPolicy.WAIT);
        assertThat(settings.noModelWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.modelLoadingDispatcher()).isEqualTo("akka.actor.default-blocking-io-dispatcher");
        assertThat(settings.listener()).isSameAs(ServingListener.NONE);
    }

    @Test
    void withCopiesLeaveTheOriginalUnchanged() {
        ServingSettings original = ServingSettings.create(system);
        ServingSettings changed = original.withParallelism(4).withBatch(1, Duration.ofMillis(1))
                .withNoModelPolicy(NoModelPolicy.DEAD_LETTER);
        assertThat(changed.parallelism()).isEqualTo(4);
        assertThat(changed.batchSize()).isEqualTo(1);
        assertThat(changed.noModelWait()).isEqualTo(original.noModelWait());
        assertThat(original.parallelism()).isEqualTo(2);
        assertThat(original.noModelPolicy()).isEqualTo(NoModelPolicy.WAIT);
    }

    @Test
    void badValuesAreRejectedNamingTheValue() {
        ServingSettings settings = ServingSettings.create(system);
        assertThatThrownBy(() -> settings.withParallelism(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parallelism").hasMessageContaining("0");
        assertThatThrownBy(() -> settings.withBatch(-3, Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-3");
        assertThatThrownBy(() -> settings.withNoModelWait(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
        Config bad = system.settings().config().getConfig(ServingSettings.CONFIG_PATH)
                .withValue("no-model-policy", com.typesafe.config.ConfigValueFactory.fromAnyRef("sometimes"));
        assertThatThrownBy(() -> ServingSettings.create(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'sometimes'");
    }

    @Test
    void kafkaDefaultsAndDerivedClientSettings() {
        KafkaServingSettings settings = KafkaServingSettings.create(system).withBootstrapServers("host-1:9092");
        assertThat(settings.topics()).isEqualTo(ServingTopics.defaults());
        assertThat(settings.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(settings.groupId()).isEqualTo("modelserving");
        assertThat(settings.transactionalIdPrefix()).isEqualTo("modelserving");
        assertThat(settings.stopTimeout()).isEqualTo(Duration.ofSeconds(30));

        var data = settings.dataConsumerSettings().getProperties();
        assertThat(data).containsEntry("group.id", "modelserving").containsEntry("auto.offset.reset", "earliest")
                .containsEntry("bootstrap.servers", "host-1:9092").containsEntry("security.protocol", "PLAINTEXT");
        assertThat(settings.dataConsumerSettings().stopTimeout().toMillis()).isEqualTo(30_000);
        var models = settings.modelConsumerSettings().getProperties();
        assertThat(models).containsEntry("enable.auto.commit", "false").containsEntry("auto.offset.reset", "earliest")
                .containsEntry("bootstrap.servers", "host-1:9092");
        assertThat(settings.producerSettings().getProperties()).containsEntry("bootstrap.servers", "host-1:9092")
                .containsEntry("security.protocol", "PLAINTEXT");
    }

    @Test
    void kafkaWithCopiesAndValidation() {
        KafkaServingSettings settings = KafkaServingSettings.create(system)
                .withDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE).withGroupId("wine")
                .withStopTimeout(Duration.ZERO).withTransactionalIdPrefix("wine-tx");
        assertThat(settings.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(settings.dataConsumerSettings().getProperties()).containsEntry("group.id", "wine");
        assertThat(settings.dataConsumerSettings().stopTimeout().toMillis()).isZero();
        assertThat(settings.transactionalIdPrefix()).isEqualTo("wine-tx");
        assertThatThrownBy(() -> settings.withGroupId(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("' '");
        assertThatThrownBy(() -> settings.withStopTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1S");
        assertThatThrownBy(() -> settings.withBootstrapServers("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutAnInstanceIdTheDataConsumerIsNoStaticMember() {
        KafkaServingSettings settings = KafkaServingSettings.create(system);
        assertThat(settings.instanceId()).isEmpty();
        assertThat(settings.dataConsumerSettings().getProperty("group.instance.id")).isNull();
    }

    @Test
    void instanceIdMakesTheDataConsumerAStaticMember() {
        KafkaServingSettings settings = KafkaServingSettings.create(system).withInstanceId("scorer-1");
        assertThat(settings.instanceId()).contains(InstanceId.of("scorer-1"));
        assertThat(settings.dataConsumerSettings().getProperty("group.instance.id")).isEqualTo("scorer-1");
        assertThat(settings.modelConsumerSettings().getProperty("group.instance.id")).isNull();
        assertThat(settings.withGroupId("wine").dataConsumerSettings().getProperty("group.instance.id"))
                .isEqualTo("scorer-1");
    }

    @Test
    void instanceIdMakesTheTransactionalIdStable() {
        KafkaServingSettings settings = KafkaServingSettings.create(system).withTransactionalIdPrefix("wine-tx")
                .withInstanceId("scorer-1");
        assertThat(settings.transactionalId()).isEqualTo(settings.transactionalIdPrefix() + "-scorer-1")
                .isEqualTo("wine-tx-scorer-1").isEqualTo(settings.transactionalId());
    }

    @Test
    void withoutAnInstanceIdEveryTransactionalIdIsNew() {
        KafkaServingSettings settings = KafkaServingSettings.create(system).withTransactionalIdPrefix("wine-tx");
        String first = settings.transactionalId();
        String second = settings.transactionalId();
        assertThat(first).startsWith("wine-tx-").isNotEqualTo("wine-tx-");
        assertThat(second).startsWith("wine-tx-").isNotEqualTo(first);
    }

    @Test
    void anIllegalInstanceIdIsRejectedNamingTheValue() {
        KafkaServingSettings settings = KafkaServingSettings.create(system);
        assertThatThrownBy(() -> settings.withInstanceId("a b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a b'");
    }

    @Test
    void instanceIdIsReadFromConfig() {
        ActorSystem configured = ActorSystem.create("SettingsTestInstanceId", ConfigFactory.parseString("""
                akka.loglevel = WARNING
                modelserving.akka.kafka.instance-id = scorer-7
                """).withFallback(ConfigFactory.load()));
        try {
            KafkaServingSettings settings = KafkaServingSettings.create(configured);
            assertThat(settings.instanceId()).contains(InstanceId.of("scorer-7"));
            assertThat(settings.dataConsumerSettings().getProperty("group.instance.id")).isEqualTo("scorer-7");
            assertThat(settings.transactionalId()).isEqualTo(settings.transactionalIdPrefix() + "-scorer-7");
        } finally {
            TestKit.shutdownActorSystem(configured);
        }
    }

    @Test
    void dataConsumerPropertiesStayOffTheProducer() {
        KafkaServingSettings settings = KafkaServingSettings.create(system)
                .withDataConsumerProperty("session.timeout.ms", "10000");
        assertThat(settings.dataConsumerSettings().getProperty("session.timeout.ms")).isEqualTo("10000");
        assertThat(settings.producerSettings().getProperties()).doesNotContainKey("session.timeout.ms");
        assertThat(settings.modelConsumerSettings().getProperties()).doesNotContainKey("session.timeout.ms");
    }

    @Test
    void commitTimeoutRidesOutABrokerRestartButLeavesTheTransactionalDrainAlone() {
        KafkaServingSettings settings = KafkaServingSettings.create(system);
        Duration alpakkas = commitTimeout(settings.modelConsumerSettings());
        assertThat(settings.commitTimeout()).isEqualTo(Duration.ofSeconds(60)).isGreaterThan(alpakkas);
        assertThat(commitTimeout(settings.dataConsumerSettings())).isEqualTo(Duration.ofSeconds(60));
        assertThat(commitTimeout(settings.withDeliveryGuarantee(DeliveryGuarantee.AT_MOST_ONCE)
                .dataConsumerSettings())).isEqualTo(Duration.ofSeconds(60));
        assertThat(commitTimeout(settings.withDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .dataConsumerSettings())).isEqualTo(alpakkas);
        assertThatThrownBy(() -> settings.withCommitTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
    }

    private static Duration commitTimeout(ConsumerSettings<?, ?> consumer) {
        return Duration.ofNanos(consumer.commitTimeout().toNanos());
    }
}
