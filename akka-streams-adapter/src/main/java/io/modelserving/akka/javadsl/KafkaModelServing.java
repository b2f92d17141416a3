package io.modelserving.akka.javadsl;

import akka.NotUsed;
import akka.actor.ActorSystem;
import akka.japi.Pair;
import akka.kafka.javadsl.Consumer;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.Source;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelProcessor;
import io.modelserving.akka.internal.GroupMembership;
import io.modelserving.akka.internal.Incoming;
import io.modelserving.akka.internal.KafkaControl;
import io.modelserving.akka.internal.KafkaPipelines;
import io.modelserving.akka.internal.KafkaScoring;
import io.modelserving.akka.internal.ModelDeadLetters;
import io.modelserving.akka.internal.ModelEvent;
import io.modelserving.akka.internal.ModelTopicSource;
import io.modelserving.akka.internal.ServingGraph;
import io.modelserving.akka.internal.StageConfig;
import io.modelserving.akka.internal.StageHandle;
import io.modelserving.codec.RecordCodec;
import io.modelserving.http.ServingMetrics;
import io.modelserving.kafka.OutputRouter;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The ready Kafka wiring: data records from the data topic, models from the model topic, scored records and dead
 * letters to their topics, with the delivery guarantee of the settings.
 *
 * <ul>
 *   <li>Every input gives exactly one output: its scored-record envelope on the scored topic (key = input key),
 *   or a dead letter with the original key, bytes and the dead-letter headers (undecodable, scoring failed, no
 *   model). Bad model messages are dead-lettered too, and the current model stays.</li>
 *   <li>Every instance gets every model: the model topic is read by a consumer in no group, from the beginning;
 *   no data record is scored before the models present at start have been loaded.</li>
 *   <li>Data comes from an Alpakka source of the guarantee: {@code atMostOnceSource},
 *   {@code sourceWithOffsetContext} (at-least-once, the default: offsets committed after the broker acknowledged
 *   the output) or {@code Transactional.sourceWithOffsetContext} (exactly-once).</li>
 * </ul>
 *
 * <pre>{@code
 * KafkaServingSettings settings = KafkaServingSettings.create(system).withBootstrapServers("localhost:9092")
 *         .withDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE);
 * ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder().build();
 * KafkaServingControl control = KafkaModelServing.run(system, settings, processor,
 *         Codecs.features(), Codecs.predictions(), Features::dataType);
 * control.drainAndShutdown();                             // when the service stops
 * }</pre>
 */
public final class KafkaModelServing {

    private KafkaModelServing() {
    }

    /**
     * Starts serving.
     *
     * @param inputCodec  decodes data records; a record it cannot decode is dead-lettered
     * @param outputCodec encodes results into the scored-record envelope
     * @param dataTypeOf  the data type of a record, which selects its model
     */
    public static <I, O> KafkaServingControl run(ActorSystem system, KafkaServingSettings settings,
                                                 ModelProcessor<I, O> processor, RecordCodec<I> inputCodec,
                                                 RecordCodec<O> outputCodec, Function<? super I, String> dataTypeOf) {
        ServingSettings serving = settings.serving();
        ServingMetrics metrics = serving.metrics().orElse(null);
        OutputRouter<I, O> router = new OutputRouter<>(settings.topics(), inputCodec, outputCodec);
        KafkaScoring<I, O> scoring = new KafkaScoring<>(processor, inputCodec, dataTypeOf, router, metrics);
        ModelDeadLetters deadLetters = new ModelDeadLetters(settings.producerSettings().createKafkaProducer(),
                router, metrics);
        Executor blocking = system.dispatchers().lookup(serving.modelLoadingDispatcher());
        Source<ModelEvent, NotUsed> models = ModelTopicSource.create(settings.modelConsumerSettings(),
                settings.topics().models(), blocking, settings.modelRestoreTimeout(), deadLetters::undecodable);

        KafkaPipelines.ServingFlows<I> flows = new KafkaPipelines.ServingFlows<>() {
            @Override
            public <C> Flow<Incoming<I, C>, Pair<ProducerRecord<byte[], byte[]>, C>, StageHandle> serving() {
                StageConfig<Incoming<I, C>, Pair<ProducerRecord<byte[], byte[]>, C>> config = new StageConfig<>(
                        processor, scoring::dataTypeToWaitFor, scoring::score, serving.parallelism(),
                        serving.effectiveNoModelWait(), true, deadLetters::updated, serving.scoringDispatcher(),
                        serving.modelLoadingDispatcher());
                return ServingGraph.flow(models, config, serving.batchSize(), serving.batchWindow());
            }

            @Override
            public <C> Incoming<I, C> decode(ConsumerRecord<byte[], byte[]> record, C context) {
                return scoring.decode(record, context);
            }
        };
        GroupMembership membership = new GroupMembership();
        KafkaPipelines.Materialized materialized = KafkaPipelines.graph(settings, flows, membership).run(system);
        return new KafkaControl(processor, materialized.handle(),
                Consumer.createDrainingControl(materialized.control(), materialized.done()),
                settings.deliveryGuarantee(), system.dispatcher(), membership, deadLetters);
    }

    /**
     * The model topic as a source of descriptors, read by a consumer in no group from the beginning, for wiring
     * your own data path to Kafka-published models with {@link ModelServing#flow}. Undecodable messages are
     * skipped with a warning; tombstones are ignored.
     */
    public static Source<ModelDescriptor, NotUsed> models(ActorSystem system, KafkaServingSettings settings) {
        Executor blocking = system.dispatchers().lookup(settings.serving().modelLoadingDispatcher());
        return ModelTopicSource.create(settings.modelConsumerSettings(), settings.topics().models(), blocking,
                        settings.modelRestoreTimeout(), (record, reason) -> org.slf4j.LoggerFactory
                                .getLogger(KafkaModelServing.class).warn("Skipping model message at {}-{}@{}: {}",
                                        record.topic(), record.partition(), record.offset(), reason))
                .mapConcat(event -> event instanceof ModelEvent.Load load
                        ? java.util.List.of(load.descriptor()) : java.util.List.<ModelDescriptor>of());
    }
}
