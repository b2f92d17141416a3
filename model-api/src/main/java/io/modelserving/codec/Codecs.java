package io.modelserving.codec;

import io.modelserving.Features;
import io.modelserving.ModelDescriptor;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;

/** The codecs of the wire contract in {@code modelserving.proto}, shipped in this jar. */
public final class Codecs {

    private static final ModelDescriptorCodec MODEL_DESCRIPTORS = new ModelDescriptorCodec();
    private static final FeaturesCodec FEATURES = new FeaturesCodec();
    private static final PredictionCodec PREDICTIONS = new PredictionCodec();

    private Codecs() {
    }

    public static RecordCodec<ModelDescriptor> modelDescriptors() {
        return MODEL_DESCRIPTORS;
    }

    public static RecordCodec<Features> features() {
        return FEATURES;
    }

    public static RecordCodec<Prediction> predictions() {
        return PREDICTIONS;
    }

    public static <I, O> RecordCodec<ScoredRecord<I, O>> scoredRecords(RecordCodec<I> inputs, RecordCodec<O> outputs) {
        return new ScoredRecordCodec<>(inputs, outputs);
    }
}
