package io.modelserving.codec;

import com.google.protobuf.ByteString;
import io.modelserving.Ensemble;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelPayload;
import io.modelserving.ModelRole;
import io.modelserving.PromotionRule;
import io.modelserving.internal.Failures;
import io.modelserving.internal.proto.WireFormat;
import java.time.Duration;
import java.time.Instant;

/**
 * Reads and writes {@link ModelDescriptor}s in the wire format of {@code modelserving.proto}, which keeps the
 * original tutorial's field numbers: a descriptor from the tutorial's publishers (model type given only by
 * its enum {@code TENSORFLOW}, {@code TENSORFLOWSAVED} or {@code PMML}) decodes to model type
 * {@code "tensorflow"}, {@code "tensorflow-saved"} or {@code "pmml"}.
 */
public final class ModelDescriptorCodec implements RecordCodec<ModelDescriptor> {

    public static final String TENSORFLOW = "tensorflow";
    public static final String TENSORFLOW_SAVED = "tensorflow-saved";
    public static final String PMML = "pmml";

    @Override
    public Decoded<ModelDescriptor> decode(byte[] bytes) {
        if (bytes == null) {
            return Decoded.failure("no bytes (null value)");
        }
        WireFormat.ModelDescriptor wire;
        try {
            wire = WireFormat.ModelDescriptor.parseFrom(bytes);
        } catch (Exception e) {
            return Decoded.failure("not a model descriptor: " + Failures.reason(e));
        }
        try {
            return Decoded.value(fromWire(wire));
        } catch (RuntimeException e) {
            return Decoded.failure("invalid model descriptor: " + e.getMessage());
        }
    }

    @Override
    public byte[] encode(ModelDescriptor descriptor) {
        return toWire(descriptor).toByteArray();
    }

    private static WireFormat.ModelDescriptor toWire(ModelDescriptor descriptor) {
        WireFormat.ModelDescriptor.Builder wire = WireFormat.ModelDescriptor.newBuilder()
                .setName(descriptor.name())
                .setDescription(descriptor.description())
                .setDataType(descriptor.dataType())
                .setModelType(descriptor.modelType())
                .setVersion(descriptor.version())
                .setCreatedAtMs(descriptor.createdAt().toEpochMilli())
                .setSha256(descriptor.sha256())
                .setRole(switch (descriptor.role()) {
                    case PRIMARY -> WireFormat.ModelDescriptor.Role.PRIMARY;
                    case SHADOW -> WireFormat.ModelDescriptor.Role.SHADOW;
                    case CANARY -> WireFormat.ModelDescriptor.Role.CANARY;
                    case PREVIOUS -> WireFormat.ModelDescriptor.Role.PREVIOUS;
                    case ENSEMBLE -> WireFormat.ModelDescriptor.Role.ENSEMBLE;
                })
                .setCanaryPercent(descriptor.canaryPercent());
        switch (descriptor.modelType()) {
            case TENSORFLOW_SAVED -> wire.setModeltype(WireFormat.ModelDescriptor.ModelType.TENSORFLOWSAVED);
            case PMML -> wire.setModeltype(WireFormat.ModelDescriptor.ModelType.PMML);
            default -> wire.setModeltype(WireFormat.ModelDescriptor.ModelType.TENSORFLOW);
        }
        if (descriptor.promotion() != null) {
            PromotionRule rule = descriptor.promotion();
            wire.setPromotion(WireFormat.PromotionRule.newBuilder()
                    .setMinCompared(rule.minCompared())
                    .setMinAgreement(rule.minAgreement())
                    .setMaxP99Ms(rule.maxP99().toMillis())
                    .setRetireAfterFailures(rule.retireAfterFailures()));
        }
        if (descriptor.ensemble() != null) {
            Ensemble ensemble = descriptor.ensemble();
            WireFormat.Ensemble.Builder members = WireFormat.Ensemble.newBuilder()
                    .setDecider(ensemble.decider())
                    .setDeadlineMs(ensemble.deadline().toMillis());
            ensemble.members().forEach(member -> members.addMembers(toWire(member)));
            wire.setEnsemble(members);
        } else if (descriptor.payload() instanceof ModelPayload.Bytes b) {
            wire.setData(ByteString.copyFrom(b.data()));
        } else {
            wire.setLocation(((ModelPayload.Location) descriptor.payload()).path());
        }
        return wire.build();
    }

    private static ModelDescriptor fromWire(WireFormat.ModelDescriptor wire) {
        ModelDescriptor.Builder builder = ModelDescriptor.builder(wire.getName(), wire.getDataType(), modelType(wire))
                .description(wire.getDescription())
                .version(wire.getVersion())
                .createdAt(Instant.ofEpochMilli(wire.getCreatedAtMs()))
                .sha256(wire.getSha256());
        switch (wire.getRole()) {
            case PRIMARY -> { }
            case SHADOW -> builder.shadow();
            case CANARY -> builder.canary(wire.getCanaryPercent());
            case PREVIOUS -> builder.role(ModelRole.PREVIOUS);
            case ENSEMBLE -> builder.ensemble(ensemble(wire));
            default -> throw new IllegalArgumentException("unknown model role value " + wire.getRoleValue());
        }
        if (wire.hasPromotion()) {
            WireFormat.PromotionRule rule = wire.getPromotion();
            builder.promotion(new PromotionRule(rule.getMinCompared(), rule.getMinAgreement(),
                    Duration.ofMillis(rule.getMaxP99Ms()), rule.getRetireAfterFailures()));
        }
        if (wire.getRole() != WireFormat.ModelDescriptor.Role.ENSEMBLE) {   // an ensemble has no content
            switch (wire.getMessageContentCase()) {
                case DATA -> builder.bytes(wire.getData().toByteArray());
                case LOCATION -> builder.location(wire.getLocation());
                default -> throw new IllegalArgumentException("descriptor '" + wire.getName()
                        + "' has neither data nor location");
            }
        }
        return builder.build();
    }

    private static Ensemble ensemble(WireFormat.ModelDescriptor wire) {
        WireFormat.Ensemble ensemble = wire.getEnsemble();
        return new Ensemble(ensemble.getMembersList().stream().map(ModelDescriptorCodec::fromWire).toList(),
                ensemble.getDecider(), ensemble.getDeadlineMs() == 0 ? Ensemble.DEFAULT_DEADLINE
                        : Duration.ofMillis(ensemble.getDeadlineMs()));
    }

    private static String modelType(WireFormat.ModelDescriptor wire) {
        if (!wire.getModelType().isEmpty()) {
            return wire.getModelType();
        }
        return switch (wire.getModeltype()) {
            case TENSORFLOW -> TENSORFLOW;
            case TENSORFLOWSAVED -> TENSORFLOW_SAVED;
            case PMML -> PMML;
            case UNRECOGNIZED -> throw new IllegalArgumentException("unknown model type enum value "
                    + wire.getModeltypeValue());
        };
    }
}
