/**
 * The Akka Streams adapter's Java API, in Alpakka's style: flows that take the model stream
 * ({@link io.modelserving.akka.javadsl.ModelServing#flow}, {@link io.modelserving.akka.javadsl.ModelServing#flowWithContext})
 * and compose with any source and sink; serving of Kafka records as a {@code FlowWithContext} between your own
 * Alpakka source and sink ({@link io.modelserving.akka.javadsl.KafkaServing}); and a ready Kafka wiring
 * ({@link io.modelserving.akka.javadsl.KafkaModelServing#run}) whose delivery guarantee is a setting.
 *
 * <pre>{@code
 * ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder().build();
 * ServingSpec<Features, Prediction> spec = ServingSpec.forFeatures(processor);
 * KafkaServingSettings settings = KafkaServingSettings.create(system).withBootstrapServers("localhost:9092");
 *
 * // at-least-once, the default: an offset is committed after the broker acknowledged the record's output
 * KafkaServingControl control = KafkaModelServing.run(system, settings, spec);
 *
 * // exactly-once: outputs and offsets in one transaction; read the outputs with read_committed
 * KafkaModelServing.run(system, settings.withDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE), spec);
 *
 * // at-most-once, as in the original talk: offsets committed first; a crash loses what was in flight
 * KafkaModelServing.run(system, settings.withDeliveryGuarantee(DeliveryGuarantee.AT_MOST_ONCE), spec);
 *
 * // going direct: records from any source, models from any source (here the model topic)
 * Source.from(records)
 *         .via(ModelServing.flow(KafkaModelServing.models(system, settings), processor, Features::dataType,
 *                 settings.serving()))
 *         .runWith(Sink.foreach(System.out::println), system);
 * }</pre>
 */
package io.modelserving.akka.javadsl;
