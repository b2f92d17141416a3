package io.modelserving.contract;

import io.modelserving.Features;
import io.modelserving.ModelProcessor;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.FeatureFields;
import io.modelserving.codec.RecordCodec;
import io.modelserving.json.JsonFeaturesCodec;
import io.modelserving.json.JsonScoredRecordCodec;
import io.modelserving.kafka.ServingSpec;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The format of the records in a run of the contract: how the contract writes data records and reads scored
 * ones, and the {@link ServingSpec} that makes an adapter read and write the same. {@link #PROTOBUF}, the wire
 * contract's, is the default; override {@link ServingContract#format()} to run every scenario in another, and
 * start instances with {@link #spec} of {@link InstanceSettings#format()} instead of a fixed spec.
 *
 * <pre>{@code
 * class MyAdapterJsonIT extends ServingContract {
 *     protected DeliveryGuarantee guarantee() { return DeliveryGuarantee.AT_LEAST_ONCE; }
 *     protected RecordFormat format() { return RecordFormat.JSON; }
 *     protected ServingInstance start(InstanceSettings settings) {
 *         ModelProcessor<Features, Prediction> processor = ...;
 *         return MyAdapter.start(settings, settings.format().spec(processor));
 *     }
 * }
 * }</pre>
 *
 * <p>Whatever the format, the contract expects the same dead letters: bytes starting with {@code 0xff}, a valid
 * record cut short by up to 7 bytes, and a record with a NaN feature (in JSON, which has no NaN, the bare token
 * {@code NaN}) are {@code DATA_UNDECODABLE}, and the reason of the last one says {@code NaN}. Model messages are
 * the wire contract's protobuf {@code ModelDescriptor} in every format.
 */
public enum RecordFormat {

    /** The wire contract's protobuf {@code FeatureRecord} in, its protobuf {@code ScoredRecord} envelope out. */
    PROTOBUF(Codecs.features(), Codecs.scoredRecords(Codecs.features(), Codecs.predictions())) {
        @Override
        byte[] withNaN(String dataType) {
            return features().encode(Features.positional(dataType, 1.0, Double.NaN));
        }
    },

    /**
     * JSON objects in ({@link JsonFeaturesCodec}: the data type in field {@code "type"}, every other field a
     * feature, positional features written as {@code f0}, {@code f1}, …), JSON envelopes out
     * ({@link JsonScoredRecordCodec}).
     */
    JSON(JsonFeaturesCodec.of(FeatureFields.builder().dataTypeField("type").build()), new JsonScoredRecordCodec()) {
        @Override
        byte[] withNaN(String dataType) {
            // JSON has no NaN (the codec refuses to write one); a careless writer puts the bare token instead.
            return ("{\"type\":\"" + dataType + "\",\"f0\":1.0,\"f1\":NaN}").getBytes(StandardCharsets.UTF_8);
        }
    };

    private final RecordCodec<Features> features;
    private final RecordCodec<ScoredRecord<Features, Prediction>> scoredRecords;

    RecordFormat(RecordCodec<Features> features, RecordCodec<ScoredRecord<Features, Prediction>> scoredRecords) {
        this.features = features;
        this.scoredRecords = scoredRecords;
    }

    /** The codec of data records: the contract writes with it, the adapter reads with it. */
    public RecordCodec<Features> features() {
        return features;
    }

    /** The codec of the envelope on the scored topic: the adapter writes with it, the contract reads with it. */
    public RecordCodec<ScoredRecord<Features, Prediction>> scoredRecords() {
        return scoredRecords;
    }

    /**
     * What an adapter serves in this format: {@link Features} decoded with {@link #features()}, typed by
     * {@link Features#dataType()}, scored into {@link Prediction}s written with {@link #scoredRecords()}. For
     * {@link #PROTOBUF} it serves as {@link ServingSpec#forFeatures} does.
     */
    public ServingSpec<Features, Prediction> spec(ModelProcessor<Features, Prediction> processor) {
        Objects.requireNonNull(processor, "processor");
        return ServingSpec.of(processor, features, Codecs.predictions(), Features::dataType)
                .withScoredCodec(scoredRecords);
    }

    /**
     * A data record of {@code dataType} with the features 1.0 and NaN, as near as this format comes to writing
     * one; the adapter must dead-letter it as undecodable, with a reason that says {@code NaN}.
     */
    abstract byte[] withNaN(String dataType);
}
