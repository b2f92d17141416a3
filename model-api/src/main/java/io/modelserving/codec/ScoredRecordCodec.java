package io.modelserving.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.modelserving.EnsembleResult;
import io.modelserving.ModelInfo;
import io.modelserving.ModelRole;
import io.modelserving.ScoredRecord;
import io.modelserving.ScoringResult;
import io.modelserving.ShadowResult;
import io.modelserving.internal.Failures;
import io.modelserving.internal.proto.WireFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads and writes {@link ScoredRecord}s as the {@code ScoredRecord} envelope of {@code modelserving.proto}:
 * the input, the result or the error, the model's name, version, type and role, the scoring time and duration,
 * where the input was read from, the shadow model's result when the data type has one, and how its ensemble
 * decided when one scored the record.
 *
 * @param <I> the record type, written with {@code inputCodec}
 * @param <O> the result type, written with {@code outputCodec}
 */
public final class ScoredRecordCodec<I, O> implements RecordCodec<ScoredRecord<I, O>> {

    private final RecordCodec<I> inputCodec;
    private final RecordCodec<O> outputCodec;

    public ScoredRecordCodec(RecordCodec<I> inputCodec, RecordCodec<O> outputCodec) {
        this.inputCodec = Objects.requireNonNull(inputCodec, "inputCodec");
        this.outputCodec = Objects.requireNonNull(outputCodec, "outputCodec");
    }

    @Override
    public byte[] encode(ScoredRecord<I, O> scored) {
        return encode(scored, scored.input() == null ? null : inputCodec.encode(scored.input()));
    }

    /**
     * Whether this envelope writes its input with {@code codec}: then the bytes a record was decoded from with
     * {@code codec} are its input already encoded, for {@link #encode(ScoredRecord, byte[])}.
     */
    public boolean writesInputWith(RecordCodec<?> codec) {
        return inputCodec == codec;
    }

    /**
     * As {@link #encode(ScoredRecord)}, with {@code encodedInput} as the envelope's input instead of the input
     * encoded again: the bytes the input was decoded from with this envelope's input codec. Encoding the input is
     * a large share of the cost of an envelope; a reader decodes the same input from either. The array is not
     * copied and must not change afterwards.
     */
    public byte[] encode(ScoredRecord<I, O> scored, byte[] encodedInput) {
        WireFormat.ScoredRecord.Builder wire = WireFormat.ScoredRecord.newBuilder()
                .setDataType(scored.result().dataType())
                .setScoredAtMs(scored.scoredAtMillis());
        if (encodedInput != null) {
            wire.setInput(UnsafeByteOperations.unsafeWrap(encodedInput));
        }
        ScoringResult<O> result = scored.result();
        if (result instanceof ScoringResult.Scored<O> s) {
            wire.setOutcome(WireFormat.ScoredRecord.Outcome.SCORED)
                    .setResult(ByteString.copyFrom(outputCodec.encode(s.value())))
                    .setDurationNs(s.durationNanos());
        } else if (result instanceof ScoringResult.Failed<O> f) {
            wire.setOutcome(WireFormat.ScoredRecord.Outcome.FAILED).setError(f.reason()).setDurationNs(f.durationNanos());
        } else {
            wire.setOutcome(WireFormat.ScoredRecord.Outcome.NO_MODEL)
                    .setError(((ScoringResult.NoModel<O>) result).reason());
        }
        result.modelInfo().ifPresent(model -> wire.setModel(modelRef(model)));
        if (scored.shadow() != null) {
            wire.setShadow(shadow(scored.shadow()));
        }
        if (scored.ensemble() != null) {
            wire.setEnsemble(ensemble(scored.ensemble()));
        }
        scored.originIfKnown().ifPresent(origin -> wire.setOrigin(WireFormat.Origin.newBuilder()
                .setTopic(origin.topic()).setPartition(origin.partition()).setOffset(origin.offset())
                .setTimestampMs(origin.timestampMillis())));
        return wire.build().toByteArray();
    }

    private static WireFormat.ModelRef.Builder modelRef(ModelInfo model) {
        WireFormat.ModelRef.Builder ref = WireFormat.ModelRef.newBuilder()
                .setName(model.name())
                .setVersion(model.version())
                .setModelType(model.modelType())
                .setDescription(model.description())
                .setSinceMs(model.since().toEpochMilli());
        if (model.role() != ModelRole.PRIMARY) {
            ref.setRole(model.role().label());
        }
        return ref;
    }

    private WireFormat.Shadow shadow(ShadowResult<O> shadow) {
        WireFormat.Shadow.Builder wire = WireFormat.Shadow.newBuilder()
                .setModel(modelRef(shadow.model()))
                .setCompared(shadow.compared())
                .setAgrees(shadow.agrees())
                .setDifference(shadow.difference())
                .setStatus(WireFormat.Shadow.Status.valueOf(shadow.status().name()));
        if (shadow.result() instanceof ScoringResult.Scored<O> s) {
            wire.setResult(ByteString.copyFrom(outputCodec.encode(s.value()))).setDurationNs(s.durationNanos());
        } else if (shadow.result() instanceof ScoringResult.Failed<O> f) {
            wire.setError(f.reason()).setDurationNs(f.durationNanos());
        }
        return wire.build();
    }

    private static WireFormat.EnsembleDecision ensemble(EnsembleResult ensemble) {
        WireFormat.EnsembleDecision.Builder wire = WireFormat.EnsembleDecision.newBuilder()
                .setDecider(ensemble.decider());
        for (EnsembleResult.Member member : ensemble.members()) {
            wire.addMembers(WireFormat.EnsembleMember.newBuilder()
                    .setModel(modelRef(member.model()))
                    .setStatus(WireFormat.EnsembleMember.Status.valueOf(member.status().name()))
                    .setLatencyNs(member.latencyNanos())
                    .setChosen(member.chosen())
                    .setReason(member.reason()));
        }
        return wire.build();
    }

    private static EnsembleResult ensemble(WireFormat.EnsembleDecision wire, String dataType) {
        List<EnsembleResult.Member> members = new ArrayList<>(wire.getMembersCount());
        for (WireFormat.EnsembleMember member : wire.getMembersList()) {
            if (member.getStatus() == WireFormat.EnsembleMember.Status.UNRECOGNIZED) {
                throw new IllegalArgumentException("ensemble member has unknown status " + member.getStatusValue());
            }
            members.add(new EnsembleResult.Member(modelInfo(member.getModel(), dataType),
                    EnsembleResult.Status.valueOf(member.getStatus().name()), member.getLatencyNs(),
                    member.getChosen(), member.getReason()));
        }
        return new EnsembleResult(wire.getDecider(), members);
    }

    private static ModelInfo modelInfo(WireFormat.ModelRef ref, String dataType) {
        ModelRole role = ref.getRole().isEmpty() ? ModelRole.PRIMARY : ModelRole.of(ref.getRole());
        return new ModelInfo(ref.getName(), ref.getVersion(), ref.getModelType(), dataType, ref.getDescription(),
                Instant.ofEpochMilli(ref.getSinceMs()), role);
    }

    private Decoded<ShadowResult<O>> shadow(WireFormat.Shadow wire, String dataType) {
        ModelInfo model = modelInfo(wire.getModel(), dataType);
        if (wire.getStatus() == WireFormat.Shadow.Status.UNRECOGNIZED) {
            return Decoded.failure("shadow has unknown status " + wire.getStatusValue());
        }
        ShadowResult.Status status = ShadowResult.Status.valueOf(wire.getStatus().name());
        ScoringResult<O> result;
        if (status == ShadowResult.Status.SCORED) {
            Decoded<O> output = outputCodec.decode(wire.getResult().toByteArray());
            if (!output.isValue()) {
                return Decoded.failure("shadow result: " + output.reason());
            }
            result = new ScoringResult.Scored<>(dataType, output.get(), model, wire.getDurationNs());
        } else {
            result = new ScoringResult.Failed<>(dataType, wire.getError(), model, wire.getDurationNs());
        }
        return Decoded.value(new ShadowResult<>(model, result, wire.getCompared(), wire.getAgrees(),
                wire.getDifference(), status));
    }

    @Override
    public Decoded<ScoredRecord<I, O>> decode(byte[] bytes) {
        if (bytes == null) {
            return Decoded.failure("no bytes (null value)");
        }
        WireFormat.ScoredRecord wire;
        try {
            wire = WireFormat.ScoredRecord.parseFrom(bytes);
        } catch (Exception e) {
            return Decoded.failure("not a scored record: " + Failures.reason(e));
        }
        I input = null;
        if (!wire.getInput().isEmpty()) {
            Decoded<I> decodedInput = inputCodec.decode(wire.getInput().toByteArray());
            if (!decodedInput.isValue()) {
                return Decoded.failure("scored record input: " + decodedInput.reason());
            }
            input = decodedInput.get();
        }
        String dataType = wire.getDataType();
        ModelInfo model;
        try {
            model = wire.hasModel() ? modelInfo(wire.getModel(), dataType) : null;
        } catch (IllegalArgumentException e) {
            return Decoded.failure("scored record model: " + e.getMessage());
        }
        ScoringResult<O> result;
        switch (wire.getOutcome()) {
            case SCORED -> {
                Decoded<O> output = outputCodec.decode(wire.getResult().toByteArray());
                if (!output.isValue() || model == null) {
                    return Decoded.failure("scored record result: " + (model == null ? "no model" : output.reason()));
                }
                result = new ScoringResult.Scored<>(dataType, output.get(), model, wire.getDurationNs());
            }
            case FAILED -> result = new ScoringResult.Failed<>(dataType, wire.getError(), model, wire.getDurationNs());
            case NO_MODEL -> result = new ScoringResult.NoModel<>(dataType);
            default -> {
                return Decoded.failure("scored record has unknown outcome " + wire.getOutcomeValue());
            }
        }
        ScoredRecord.Origin origin = wire.hasOrigin() ? new ScoredRecord.Origin(wire.getOrigin().getTopic(),
                wire.getOrigin().getPartition(), wire.getOrigin().getOffset(), wire.getOrigin().getTimestampMs()) : null;
        ShadowResult<O> shadow = null;
        if (wire.hasShadow()) {
            Decoded<ShadowResult<O>> decodedShadow;
            try {
                decodedShadow = shadow(wire.getShadow(), dataType);
            } catch (IllegalArgumentException e) {
                return Decoded.failure("scored record shadow: " + e.getMessage());
            }
            if (!decodedShadow.isValue()) {
                return Decoded.failure(decodedShadow.reason());
            }
            shadow = decodedShadow.get();
        }
        EnsembleResult ensemble;
        try {
            ensemble = wire.hasEnsemble() ? ensemble(wire.getEnsemble(), dataType) : null;
        } catch (IllegalArgumentException e) {
            return Decoded.failure("scored record ensemble: " + e.getMessage());
        }
        return Decoded.value(new ScoredRecord<>(input, result, wire.getScoredAtMs(), origin, shadow, ensemble));
    }
}
