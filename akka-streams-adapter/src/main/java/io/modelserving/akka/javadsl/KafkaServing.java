package io.modelserving.akka.javadsl;

import akka.NotUsed;
import akka.actor.ActorSystem;
import akka.actor.Cancellable;
import akka.dispatch.MessageDispatcher;
import akka.japi.Pair;
import akka.kafka.AutoSubscription;
import akka.kafka.ProducerMessage;
import akka.kafka.Subscriptions;
import akka.kafka.javadsl.PartitionAssignmentHandler;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.FlowWithContext;
import akka.stream.javadsl.Source;
import io.modelserving.ScoredRecord;
import io.modelserving.akka.internal.kafka.GroupMembership;
import io.modelserving.akka.internal.kafka.KafkaPlan;
import io.modelserving.akka.internal.kafka.ModelDeadLetterWriter;
import io.modelserving.akka.internal.kafka.ModelEvent;
import io.modelserving.akka.internal.kafka.ModelTopicSource;
import io.modelserving.akka.internal.stage.ProcessorControl;
import io.modelserving.akka.internal.stage.ServingGraph;
import io.modelserving.kafka.DecodedRecord;
import io.modelserving.kafka.InputRecord;
import io.modelserving.kafka.ServingCore;
import io.modelserving.kafka.ServingSpec;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Model serving for your own Alpakka Kafka graph: a {@link FlowWithContext} from consumed data records to the
 * producer envelopes of their outputs (scored record or dead letter), with each record's context (its offset)
 * alongside, so it sits between any Alpakka source and sink of the same context, as Alpakka's own flows do. The
 * models come from the model topic; what each record and model message goes through is the {@link ServingCore}'s.
 *
 * <p>Subscribe the data consumer with {@link #dataSubscription()} (or add {@link #assignmentHandler()} to your
 * own subscription): the instance that owns data partition 0 writes the dead letters of bad model messages, once
 * per application. Materialize {@link #flowWithContext()} once, and {@link #close()} this when the stream has
 * stopped. {@link KafkaModelServing#run} does all of that for each delivery guarantee.
 *
 * <pre>{@code
 * KafkaServing<Features, Prediction> serving =
 *         KafkaModelServing.create(system, settings, ServingSpec.forFeatures(processor));
 * Consumer.DrainingControl<Done> control = Consumer
 *         .sourceWithOffsetContext(settings.dataConsumerSettings(), serving.dataSubscription())
 *         .via(serving.flowWithContext())
 *         .toMat(Producer.committableSinkWithOffsetContext(settings.producerSettings(),
 *                 settings.committerSettings()), Consumer::createDrainingControl)
 *         .run(system);
 * control.streamCompletion().thenRun(serving::close);
 * }</pre>
 *
 * @param <I> the record type
 * @param <O> the result type
 */
public final class KafkaServing<I, O> implements AutoCloseable {

    /** How often the writer of bad-model dead letters looks for new ones. */
    static final Duration MODEL_DEAD_LETTER_INTERVAL = Duration.ofMillis(200);

    private final KafkaServingSettings settings;
    private final ServingSpec<I, O> spec;
    private final ServingCore<I, O> core;
    private final Source<ModelEvent, NotUsed> models;
    private final GroupMembership membership = new GroupMembership();
    private final ModelDeadLetterWriter writer;
    private final Cancellable schedule;

    KafkaServing(ActorSystem system, KafkaServingSettings settings, ServingSpec<I, O> spec) {
        this.settings = settings;
        this.spec = spec;
        ServingSettings serving = settings.serving();
        this.core = ServingCore.builder(spec)
                .topics(settings.topics())
                .noModelPolicy(serving.noModelPolicy())
                .noModelWait(serving.noModelWait())
                .listener(serving.listener())
                .maxOutputBytes(settings.maxOutputBytes())
                .build();
        MessageDispatcher blocking = system.dispatchers().lookup(serving.modelLoadingDispatcher());
        this.models = ModelTopicSource.create(settings.modelConsumerSettings(), settings.topics().models(),
                serving.modelLoadingDispatcher(),
                settings.modelRestoreTimeout());
        this.writer = new ModelDeadLetterWriter(core.models(), settings.topics().models(), membership,
                settings.producerSettings().createKafkaProducer(),
                settings.modelConsumerSettings().withGroupId(settings.groupId() + ".model-dead-letters")
                        .createKafkaConsumer());
        this.schedule = system.scheduler().scheduleWithFixedDelay(MODEL_DEAD_LETTER_INTERVAL,
                MODEL_DEAD_LETTER_INTERVAL, writer::run, blocking);
    }

    /** The data topic of the settings, with {@link #assignmentHandler()} attached. */
    public AutoSubscription dataSubscription() {
        return Subscriptions.topics(settings.topics().data()).withPartitionAssignmentHandler(membership);
    }

    /** Tells this instance which data partitions it owns; add it to your subscription of the data topic. */
    public PartitionAssignmentHandler assignmentHandler() {
        return membership;
    }

    /**
     * Serving between your source and sink: each consumed data record gives one producer envelope (to the scored
     * or the dead-letter topic, keyed and headed as the record) with the record's context. Materializes a
     * {@link ServingControl}; data flows once the models on the topic at start are loaded.
     *
     * @param <C> the context: a committable offset, a partition offset for transactions, or your own
     */
    public <C> FlowWithContext<ConsumerRecord<byte[], byte[]>, C, ProducerMessage.Envelope<byte[], byte[], NotUsed>,
            C, ServingControl> flowWithContext() {
        Flow<Pair<ConsumerRecord<byte[], byte[]>, C>, Pair<ProducerMessage.Envelope<byte[], byte[], NotUsed>, C>,
                ServingControl> pairs = Flow.<Pair<ConsumerRecord<byte[], byte[]>, C>>create()
                .map(pair -> Pair.create(decode(pair.first()), pair.second()))
                .viaMat(ServingGraph.flow(models, new KafkaPlan<I, O, C>(core), settings.serving()),
                        (left, handle) -> (ServingControl) new ProcessorControl(spec.processor(), handle))
                .map(pair -> Pair.create(ProducerMessage.<byte[], byte[]>single(pair.first()), pair.second()));
        return FlowWithContext.fromPairs(pairs);
    }

    /** Whether this instance owns {@code partition} of the data topic now. */
    public boolean owns(TopicPartition partition) {
        return membership.owns(partition);
    }

    /** Whether this instance has joined the data topic's consumer group (had its first assignment). */
    public boolean joined() {
        return membership.joined();
    }

    /** The processor that holds the models. */
    public io.modelserving.ModelProcessor<I, O> processor() {
        return spec.processor();
    }

    private DecodedRecord<I> decode(ConsumerRecord<byte[], byte[]> record) {
        return core.records().decode(new InputRecord(record.key(), record.value(), record.headers(),
                new ScoredRecord.Origin(record.topic(), record.partition(), record.offset(), record.timestamp())));
    }

    /** Writes the bad-model dead letters still due, then stops the writer and the model loader. */
    @Override
    public void close() {
        schedule.cancel();
        writer.run();
        writer.close();
        core.close();
    }
}
