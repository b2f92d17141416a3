package io.modelserving.akka.javadsl;

import akka.NotUsed;
import akka.actor.ActorSystem;
import akka.kafka.javadsl.Consumer;
import akka.stream.javadsl.Source;
import io.modelserving.ModelDescriptor;
import io.modelserving.akka.internal.kafka.ClientMetrics;
import io.modelserving.akka.internal.kafka.GroupLeave;
import io.modelserving.akka.internal.kafka.KafkaControl;
import io.modelserving.akka.internal.kafka.KafkaPipelines;
import io.modelserving.akka.internal.kafka.ModelEvent;
import io.modelserving.akka.internal.kafka.ModelTopicSource;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.Decoded;
import io.modelserving.kafka.ServingCore;
import io.modelserving.kafka.ServingSpec;
import java.util.List;
import java.util.Optional;

/**
 * The ready Kafka wiring: data records from the data topic, models from the model topic, scored records and dead
 * letters to their topics, with the delivery guarantee of the settings. What each record and model message goes
 * through is the engine-neutral {@link ServingCore}'s, the same as on Kafka Streams.
 *
 * <ul>
 *   <li>Every input gives exactly one output: its scored-record envelope on the scored topic (key = input key,
 *   its headers carried over), or a dead letter with the original key, bytes and headers plus the dead-letter
 *   headers (undecodable, scoring failed, no model). Bad model messages are dead-lettered too, once per
 *   application (by the instance that owns data partition 0), and the current model stays.</li>
 *   <li>Every instance gets every model: the model topic is read by a consumer in no group, from the beginning;
 *   no data record is scored before the models present at start have been loaded.</li>
 *   <li>A record of a data type nobody published a model for is dead-lettered at once; only a data type whose
 *   model is loading right now may hold records back, for at most the no-model wait.</li>
 *   <li>Data comes from an Alpakka source of the guarantee: {@code committableSource} with each batch's offsets
 *   committed before it is processed (at-most-once),
 *   {@code sourceWithOffsetContext} (at-least-once, the default: offsets committed after the broker acknowledged
 *   the output) or {@code Transactional.sourceWithOffsetContext} (exactly-once).</li>
 * </ul>
 *
 * <pre>{@code
 * KafkaServingSettings settings = KafkaServingSettings.create(system).withBootstrapServers("localhost:9092")
 *         .withDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE);
 * ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder().build();
 * KafkaServingControl control = KafkaModelServing.run(system, settings, ServingSpec.forFeatures(processor));
 * control.drainAndShutdown();                             // when the service stops
 * }</pre>
 *
 * <p>To put serving between your own Alpakka source and sink, use {@link #create} and
 * {@link KafkaServing#flowWithContext()}; {@link #run} is a thin convenience over them.
 */
public final class KafkaModelServing {

    private KafkaModelServing() {
    }

    /**
     * Serving {@code spec} as a flow for your own Alpakka graph; see {@link KafkaServing}. Starts the writer of
     * bad-model dead letters; close the result when the stream stops.
     */
    public static <I, O> KafkaServing<I, O> create(ActorSystem system, KafkaServingSettings settings,
                                                   ServingSpec<I, O> spec) {
        return new KafkaServing<>(system, settings, spec);
    }

    /**
     * Starts serving {@code spec} as {@code settings} say: the Alpakka source and sink of the delivery guarantee
     * around {@link KafkaServing#flowWithContext()}.
     */
    public static <I, O> KafkaServingControl run(ActorSystem system, KafkaServingSettings settings,
                                                 ServingSpec<I, O> spec) {
        KafkaServing<I, O> serving = create(system, settings, spec);
        ClientMetrics clientMetrics = ClientMetrics.of(settings.serving().listener());
        KafkaPipelines.Materialized materialized =
                KafkaPipelines.graph(settings, serving, clientMetrics).run(system);
        return new KafkaControl(materialized.serving(),
                Consumer.createDrainingControl(materialized.control(), materialized.done()),
                settings.deliveryGuarantee(), system.dispatcher(),
                () -> serving.joined() ? clientMetrics.lostContact()
                        : Optional.of("joining consumer group of the data topic"),
                () -> {
                    serving.close();
                    clientMetrics.close();
                }, () -> GroupLeave.leave(settings));
    }

    /**
     * The model topic as a source of descriptors, read by a consumer in no group from the beginning, for wiring
     * your own data path to Kafka-published models with {@link ModelServing#flow}. Undecodable messages are
     * skipped with a warning; tombstones are ignored.
     */
    public static Source<ModelDescriptor, NotUsed> models(ActorSystem system, KafkaServingSettings settings) {
        return ModelTopicSource.create(settings.modelConsumerSettings(), settings.topics().models(),
                        settings.serving().modelLoadingDispatcher(),
                        settings.modelRestoreTimeout())
                .mapConcat(event -> {
                    if (event instanceof ModelEvent.Message message && message.record().value() != null) {
                        Decoded<ModelDescriptor> decoded = Codecs.modelDescriptors().decode(message.record().value());
                        if (decoded.isValue()) {
                            return List.of(decoded.get());
                        }
                        org.slf4j.LoggerFactory.getLogger(KafkaModelServing.class).warn(
                                "Skipping model message at {}: {}", message.record().origin(), decoded.reason());
                    }
                    return List.<ModelDescriptor>of();
                });
    }
}
