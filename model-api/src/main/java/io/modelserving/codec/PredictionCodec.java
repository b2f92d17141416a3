package io.modelserving.codec;

import io.modelserving.Prediction;
import io.modelserving.internal.Failures;
import io.modelserving.internal.proto.WireFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads and writes {@link Prediction}s as the {@code Prediction} message of {@code modelserving.proto}. */
public final class PredictionCodec implements RecordCodec<Prediction> {

    @Override
    public Decoded<Prediction> decode(byte[] bytes) {
        if (bytes == null) {
            return Decoded.failure("no bytes (null value)");
        }
        try {
            WireFormat.Prediction wire = WireFormat.Prediction.parseFrom(bytes);
            Map<String, Double> probabilities = new LinkedHashMap<>();
            wire.getProbabilitiesList().forEach(p -> probabilities.put(p.getLabel(), p.getProbability()));
            return Decoded.value(new Prediction(wire.getValue(), wire.getLabel(), probabilities));
        } catch (Exception e) {
            return Decoded.failure("not a prediction: " + Failures.reason(e));
        }
    }

    @Override
    public byte[] encode(Prediction prediction) {
        WireFormat.Prediction.Builder wire = WireFormat.Prediction.newBuilder()
                .setValue(prediction.value())
                .setLabel(prediction.label());
        prediction.probabilities().forEach((label, p) -> wire.addProbabilities(
                WireFormat.ClassProbability.newBuilder().setLabel(label).setProbability(p)));
        return wire.build().toByteArray();
    }
}
