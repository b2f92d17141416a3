package io.modelserving.kafka;

import io.modelserving.Features;
import io.modelserving.ModelProcessor;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.RecordCodec;
import java.util.Objects;
import java.util.function.Function;

/**
 * What is served, the same for every engine: the processor holding the models, the codec of data records, the
 * codec of results, the function that gives a record's data type, and the codec of the scored envelope written
 * for every scored record. Both adapters take it in the same place (the first argument after the engine's own
 * context).
 *
 * <pre>{@code
 * ServingSpec<Features, Prediction> spec = ServingSpec.forFeatures(processor);
 * ServingSpec<Wine, Prediction> wine = ServingSpec.of(processor, new WineCodec(), Codecs.predictions(), Wine::type);
 * ServingSpec<Features, Prediction> json = spec.withScoredCodec(new JsonScoredRecordCodec()); // modelserving-json
 * }</pre>
 *
 * @param processor   holds the current model of each data type
 * @param inputCodec  decodes data records; a record it cannot decode (or that makes it throw) is dead-lettered
 * @param outputCodec encodes results into the scored-record envelope
 * @param dataTypeOf  the data type of a record, which selects its model
 * @param scoredCodec encodes the scored envelope; by default the wire contract's protobuf {@code ScoredRecord}
 *                    ({@link Codecs#scoredRecords}) built from the two codecs above. Dead letters always keep the
 *                    original bytes, whatever this codec is.
 * @param <I> the record type
 * @param <O> the result type
 */
public record ServingSpec<I, O>(ModelProcessor<I, O> processor, RecordCodec<I> inputCodec,
                                RecordCodec<O> outputCodec, Function<? super I, String> dataTypeOf,
                                RecordCodec<ScoredRecord<I, O>> scoredCodec) {

    public ServingSpec {
        Objects.requireNonNull(processor, "processor");
        Objects.requireNonNull(inputCodec, "inputCodec");
        Objects.requireNonNull(outputCodec, "outputCodec");
        Objects.requireNonNull(dataTypeOf, "dataTypeOf");
        Objects.requireNonNull(scoredCodec, "scoredCodec");
    }

    /** With the wire contract's protobuf envelope on the scored topic. */
    public ServingSpec(ModelProcessor<I, O> processor, RecordCodec<I> inputCodec, RecordCodec<O> outputCodec,
                       Function<? super I, String> dataTypeOf) {
        this(processor, inputCodec, outputCodec, dataTypeOf, Codecs.scoredRecords(inputCodec, outputCodec));
    }

    /** The same, writing scored envelopes with this codec instead (e.g. as JSON). */
    public ServingSpec<I, O> withScoredCodec(RecordCodec<ScoredRecord<I, O>> codec) {
        return new ServingSpec<>(processor, inputCodec, outputCodec, dataTypeOf, codec);
    }

    public static <I, O> ServingSpec<I, O> of(ModelProcessor<I, O> processor, RecordCodec<I> inputCodec,
                                              RecordCodec<O> outputCodec, Function<? super I, String> dataTypeOf) {
        return new ServingSpec<>(processor, inputCodec, outputCodec, dataTypeOf);
    }

    /** {@link Features} in, {@link Prediction} out, with the wire contract's codecs. */
    public static ServingSpec<Features, Prediction> forFeatures(ModelProcessor<Features, Prediction> processor) {
        return new ServingSpec<>(processor, Codecs.features(), Codecs.predictions(), Features::dataType);
    }
}
