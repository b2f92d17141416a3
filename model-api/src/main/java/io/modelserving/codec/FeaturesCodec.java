package io.modelserving.codec;

import io.modelserving.Features;
import io.modelserving.internal.Failures;
import io.modelserving.internal.proto.WireFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes {@link Features} as the {@code FeatureRecord} message of {@code modelserving.proto}.
 * A record with a NaN or infinite value, with names and values of different lengths, or with a feature given
 * twice, decodes to a failure: models would otherwise score it silently into garbage.
 */
public final class FeaturesCodec implements RecordCodec<Features> {

    @Override
    public Decoded<Features> decode(byte[] bytes) {
        if (bytes == null) {
            return Decoded.failure("no bytes (null value)");
        }
        WireFormat.FeatureRecord wire;
        try {
            wire = WireFormat.FeatureRecord.parseFrom(bytes);
        } catch (Exception e) {
            return Decoded.failure("not a feature record: " + Failures.reason(e));
        }
        if (wire.getDataType().isEmpty()) {
            return Decoded.failure("feature record has no data type");
        }
        double[] values = new double[wire.getValuesCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = wire.getValues(i);
            if (!Double.isFinite(values[i])) {
                String name = i < wire.getNamesCount() ? "'" + wire.getNames(i) + "'" : "#" + i;
                return Decoded.failure("feature " + name + " is " + values[i]);
            }
        }
        if (wire.getNamesCount() > 1) {
            Set<String> numericNames = new HashSet<>();
            for (String name : wire.getNamesList()) {
                if (!numericNames.add(name)) {
                    return Decoded.failure("feature '" + name + "' is given twice");
                }
            }
        }
        if (wire.getCategoricalNamesCount() != wire.getCategoricalValuesCount()) {
            return Decoded.failure("feature record has " + wire.getCategoricalNamesCount() + " categorical names but "
                    + wire.getCategoricalValuesCount() + " categorical values");
        }
        Map<String, String> categorical = new LinkedHashMap<>();
        for (int i = 0; i < wire.getCategoricalNamesCount(); i++) {
            if (categorical.put(wire.getCategoricalNames(i), wire.getCategoricalValues(i)) != null) {
                return Decoded.failure("categorical feature '" + wire.getCategoricalNames(i) + "' is given twice");
            }
        }
        try {
            return Decoded.value(new Features(wire.getDataType(), wire.getNamesList(), values, categorical));
        } catch (IllegalArgumentException e) {
            return Decoded.failure(e.getMessage());
        }
    }

    @Override
    public byte[] encode(Features features) {
        WireFormat.FeatureRecord.Builder wire = WireFormat.FeatureRecord.newBuilder()
                .setDataType(features.dataType())
                .addAllNames(features.names());
        for (double value : features.values()) {
            wire.addValues(value);
        }
        features.categorical().forEach((name, value) -> wire.addCategoricalNames(name).addCategoricalValues(value));
        return wire.build().toByteArray();
    }
}
