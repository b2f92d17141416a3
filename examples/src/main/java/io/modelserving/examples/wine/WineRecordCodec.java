package io.modelserving.examples.wine;

import io.modelserving.Features;
import io.modelserving.codec.Decoded;
import io.modelserving.codec.RecordCodec;
import io.modelserving.examples.wine.proto.WineRecordProto.WineRecord;

/**
 * Reads the tutorial's {@code WineRecord} protobuf into {@link Features} named as in {@link Wine#FEATURES},
 * so every model format can score it. A record that is not a WineRecord, has no data type or carries a
 * non-finite value decodes to a failure.
 */
public final class WineRecordCodec implements RecordCodec<Features> {

    @Override
    public Decoded<Features> decode(byte[] bytes) {
        if (bytes == null) {
            return Decoded.failure("no bytes (null value)");
        }
        WineRecord wine;
        try {
            wine = WineRecord.parseFrom(bytes);
        } catch (Exception e) {
            return Decoded.failure("not a WineRecord: " + e.getMessage());
        }
        if (wine.getDataType().isEmpty()) {
            return Decoded.failure("WineRecord has no dataType");
        }
        double[] values = {wine.getFixedAcidity(), wine.getVolatileAcidity(), wine.getCitricAcid(),
                wine.getResidualSugar(), wine.getChlorides(), wine.getFreeSulfurDioxide(),
                wine.getTotalSulfurDioxide(), wine.getDensity(), wine.getPH(), wine.getSulphates(), wine.getAlcohol()};
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                return Decoded.failure("WineRecord " + Wine.FEATURES.get(i) + " is " + values[i]);
            }
        }
        return Decoded.value(Features.of(wine.getDataType(), Wine.FEATURES, values));
    }

    @Override
    public byte[] encode(Features features) {
        return toWire(features, 0).toByteArray();
    }

    /** The WineRecord for eleven features in CSV order, stamped with {@code timestampMillis}. */
    public static WineRecord toWire(Features features, long timestampMillis) {
        if (features.size() != Wine.FEATURES.size()) {
            throw new IllegalArgumentException("A WineRecord has 11 features, got " + features.size());
        }
        double[] v = features.values();
        return WineRecord.newBuilder()
                .setFixedAcidity(v[0]).setVolatileAcidity(v[1]).setCitricAcid(v[2]).setResidualSugar(v[3])
                .setChlorides(v[4]).setFreeSulfurDioxide(v[5]).setTotalSulfurDioxide(v[6]).setDensity(v[7])
                .setPH(v[8]).setSulphates(v[9]).setAlcohol(v[10])
                .setDataType(features.dataType())
                .setTs(timestampMillis)
                .build();
    }
}
