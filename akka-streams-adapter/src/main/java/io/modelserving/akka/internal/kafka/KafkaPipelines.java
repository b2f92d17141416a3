package io.modelserving.akka.internal.kafka;

import akka.Done;
import akka.NotUsed;
import akka.japi.Pair;
import akka.kafka.ConsumerMessage;
import akka.kafka.ProducerMessage;
import akka.kafka.javadsl.Consumer;
import akka.kafka.javadsl.Producer;
import akka.kafka.javadsl.Transactional;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.RunnableGraph;
import io.modelserving.akka.javadsl.KafkaServing;
import io.modelserving.akka.javadsl.KafkaServingSettings;
import io.modelserving.akka.javadsl.ServingControl;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data path for each delivery guarantee: an Alpakka consumer source, {@link KafkaServing#flowWithContext()},
 * an Alpakka producer sink. Each materializes the consumer's control, the serving control and the sink's
 * completion.
 */
public final class KafkaPipelines {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaPipelines.class);

    /** The materialized values of a pipeline. */
    public record Materialized(Consumer.Control control, ServingControl serving, CompletionStage<Done> done) {
    }

    private KafkaPipelines() {
    }

    /** The pipeline of the settings' guarantee, its clients' metrics bound with {@code metrics}. */
    public static RunnableGraph<Materialized> graph(KafkaServingSettings settings, KafkaServing<?, ?> serving,
                                                    ClientMetrics metrics) {
        KafkaServingSettings bound = settings
                .withConsumerSettings(metrics.bind(settings.dataConsumerSettings()))
                .withProducerSettings(metrics.bind(settings.producerSettings()));
        return graph(bound, serving);
    }

    private static RunnableGraph<Materialized> graph(KafkaServingSettings settings, KafkaServing<?, ?> serving) {
        return switch (settings.deliveryGuarantee()) {
            case AT_MOST_ONCE -> atMostOnce(settings, serving);
            case AT_LEAST_ONCE -> atLeastOnce(settings, serving);
            case EXACTLY_ONCE -> exactlyOnce(settings, serving);
        };
    }

    /**
     * Commits each offset before its record is processed: a crash loses what was in flight. An output of a
     * partition this instance no longer owns is not written (its new owner may have read the record already, so
     * writing it could duplicate it).
     */
    private static RunnableGraph<Materialized> atMostOnce(KafkaServingSettings settings, KafkaServing<?, ?> serving) {
        return Consumer.atMostOnceSource(settings.dataConsumerSettings(), serving.dataSubscription())
                .map(record -> Pair.create(record, new TopicPartition(record.topic(), record.partition())))
                .viaMat(serving.<TopicPartition>flowWithContext().asFlow(), Keep.both())
                .filter(pair -> {
                    boolean owned = serving.owns(pair.second());
                    if (!owned) {
                        LOG.warn("At-most-once: not writing an output of {}, which this instance no longer owns",
                                pair.second());
                    }
                    return owned;
                })
                .map(pair -> ((ProducerMessage.Message<byte[], byte[], NotUsed>) pair.first()).record())
                .toMat(Producer.plainSink(settings.producerSettings()),
                        (both, done) -> new Materialized(both.first(), both.second(), done));
    }

    /** Commits an offset (in batches) only after the broker acknowledged its output. */
    private static RunnableGraph<Materialized> atLeastOnce(KafkaServingSettings settings, KafkaServing<?, ?> serving) {
        return Consumer.sourceWithOffsetContext(settings.dataConsumerSettings(), serving.dataSubscription())
                .asSource()
                .viaMat(serving.<ConsumerMessage.CommittableOffset>flowWithContext().asFlow(), Keep.both())
                .toMat(Producer.committableSinkWithOffsetContext(settings.producerSettings(),
                                settings.committerSettings()),
                        (both, done) -> new Materialized(both.first(), both.second(), done));
    }

    /** Outputs and offsets in one transaction per commit interval. */
    private static RunnableGraph<Materialized> exactlyOnce(KafkaServingSettings settings, KafkaServing<?, ?> serving) {
        // Two live producers with one transactional id fence each other: every instance gets its own.
        String transactionalId = settings.transactionalIdPrefix() + "-" + UUID.randomUUID();
        return Transactional.sourceWithOffsetContext(settings.dataConsumerSettings(), serving.dataSubscription())
                .asSource()
                .viaMat(serving.<ConsumerMessage.PartitionOffset>flowWithContext().asFlow(), Keep.both())
                .toMat(Transactional.sinkWithOffsetContext(settings.producerSettings(), transactionalId),
                        (both, done) -> new Materialized(both.first(), both.second(), done));
    }
}
