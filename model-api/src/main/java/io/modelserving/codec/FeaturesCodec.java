package io.modelserving.codec;

import io.modelserving.Features;
import io.modelserving.internal.Failures;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes {@link Features} as the {@code FeatureRecord} message of {@code modelserving.proto}.
 * A record with a NaN or infinite value, with names and values of different lengths, or with a feature given
 * twice, decodes to a failure: models would otherwise score it silently into garbage. The message is read and
 * written field by field, by the generated parser's rules and to its bytes.
 */
public final class FeaturesCodec implements RecordCodec<Features> {

    @Override
    public Decoded<Features> decode(byte[] bytes) {
        if (bytes == null) {
            return Decoded.failure("no bytes (null value)");
        }
        FeatureRecordWire.Fields wire;
        try {
            wire = FeatureRecordWire.read(bytes);
        } catch (Exception e) {
            return Decoded.failure("not a feature record: " + Failures.reason(e));
        }
        if (wire.dataType().isEmpty()) {
            return Decoded.failure("feature record has no data type");
        }
        double[] values = wire.values();
        List<String> names = wire.names();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                String name = i < names.size() ? "'" + names.get(i) + "'" : "#" + i;
                return Decoded.failure("feature " + name + " is " + values[i]);
            }
        }
        if (names.size() > 1) {
            Set<String> numericNames = new HashSet<>();
            for (String name : names) {
                if (!numericNames.add(name)) {
                    return Decoded.failure("feature '" + name + "' is given twice");
                }
            }
        }
        List<String> categoricalNames = wire.categoricalNames();
        List<String> categoricalValues = wire.categoricalValues();
        if (categoricalNames.size() != categoricalValues.size()) {
            return Decoded.failure("feature record has " + categoricalNames.size() + " categorical names but "
                    + categoricalValues.size() + " categorical values");
        }
        Map<String, String> categorical = new LinkedHashMap<>();
        for (int i = 0; i < categoricalNames.size(); i++) {
            if (categorical.put(categoricalNames.get(i), categoricalValues.get(i)) != null) {
                return Decoded.failure("categorical feature '" + categoricalNames.get(i) + "' is given twice");
            }
        }
        try {
            return Decoded.value(new Features(wire.dataType(), names, values, categorical));
        } catch (IllegalArgumentException e) {
            return Decoded.failure(e.getMessage());
        }
    }

    @Override
    public byte[] encode(Features features) {
        return FeatureRecordWire.write(features);
    }
}
