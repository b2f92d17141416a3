package io.modelserving.kafka.internal;

import io.modelserving.ModelDescriptor;
import io.modelserving.ModelInfo;
import io.modelserving.ModelPayload;
import io.modelserving.RoleChanges;
import io.modelserving.ModelServingException;
import io.modelserving.ScoredRecord;
import io.modelserving.ScoringResult;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.RecordCodec;
import io.modelserving.codec.ScoredRecordCodec;
import io.modelserving.kafka.DeadLetter;
import io.modelserving.kafka.DeadLetterHeaders;
import io.modelserving.kafka.DeadLetterKind;
import io.modelserving.kafka.InputRecord;
import io.modelserving.kafka.OutputRecord;
import io.modelserving.kafka.ServingTopics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * What each input becomes on Kafka: the scored envelope on the scored topic, or a dead letter with the original
 * key, bytes and headers. Every output is guaranteed to be writable: an envelope that fails to encode or is too
 * large becomes a dead letter, and a dead letter too large to carry its original bytes carries none (or, for a
 * model, its descriptor without the model's content), so no output can become a poison pill.
 */
public final class Outputs<I, O> {

    private final ServingTopics topics;
    private final RecordCodec<ScoredRecord<I, O>> scoredCodec;
    private final ScoredRecordCodec<I, O> envelopeOfInputBytes;
    private final int maxBytes;

    /**
     * @param inputCodec what data records are decoded with: when the scored codec is the protobuf envelope
     *                   writing its input with the same codec, an input's original bytes go into its envelope
     *                   as they are, not encoded again
     */
    public Outputs(ServingTopics topics, RecordCodec<I> inputCodec, RecordCodec<ScoredRecord<I, O>> scoredCodec,
                   int maxBytes) {
        this.topics = topics;
        this.scoredCodec = scoredCodec;
        this.envelopeOfInputBytes = scoredCodec instanceof ScoredRecordCodec<I, O> envelope
                && envelope.writesInputWith(inputCodec) ? envelope : null;
        this.maxBytes = maxBytes;
    }

    /** The envelope of a scored record, or the dead letter of a failure or a missing model. */
    public OutputRecord scored(InputRecord in, ScoredRecord<I, O> scored) {
        ScoringResult<O> result = scored.result();
        String model = result.modelInfo().map(ModelInfo::label).orElse("");
        if (result instanceof ScoringResult.Failed<O> failed) {
            return deadLetter(in, letter(DeadLetterKind.SCORING_FAILED, failed.reason(), in, model, result.dataType()));
        }
        if (result instanceof ScoringResult.NoModel<O> none) {
            return deadLetter(in, letter(DeadLetterKind.NO_MODEL, none.reason(), in, model, result.dataType()));
        }
        byte[] envelope;
        try {
            envelope = envelopeOfInputBytes != null && in.value() != null
                    ? envelopeOfInputBytes.encode(scored, in.value()) : scoredCodec.encode(scored);
        } catch (RuntimeException e) {
            return deadLetter(in, letter(DeadLetterKind.OUTPUT_FAILED,
                    "encoding the scored record failed: " + ModelServingException.reasonOf(e), in, model, result.dataType()));
        }
        OutputRecord out = new OutputRecord(topics.scored(), in.key(), envelope, carried(in.headers()), null);
        if (out.size() > maxBytes) {
            return deadLetter(in, letter(DeadLetterKind.OUTPUT_FAILED, "the scored record takes " + out.size()
                    + " bytes, more than the " + maxBytes + " a record may take", in, model, result.dataType()));
        }
        return out;
    }

    /** A dead letter of a data record that does not decode. */
    public OutputRecord undecodableData(InputRecord in, String reason) {
        return deadLetter(in, letter(DeadLetterKind.DATA_UNDECODABLE, reason, in, "", ""));
    }

    /** A dead letter of a model message that does not decode. */
    public OutputRecord undecodableModel(InputRecord in, String reason) {
        return deadLetter(in, letter(DeadLetterKind.MODEL_UNDECODABLE, reason, in, "", ""));
    }

    /** A dead letter of a model the processor rejected. */
    public OutputRecord rejectedModel(InputRecord in, ModelDescriptor descriptor, String reason) {
        DeadLetter letter = letter(DeadLetterKind.MODEL_REJECTED, reason, in,
                descriptor.info(java.time.Instant.EPOCH).label(), descriptor.dataType());
        OutputRecord out = output(in, in.value(), letter);
        if (out.size() <= maxBytes) {
            return out;
        }
        ModelDescriptor stripped = new ModelDescriptor(descriptor.name(), descriptor.description(),
                descriptor.dataType(), descriptor.modelType(), descriptor.version(), descriptor.createdAt(),
                descriptor.sha256(), ModelPayload.bytes(new byte[0]), descriptor.role(), descriptor.canaryPercent(),
                descriptor.promotion());
        return dropped(in, Codecs.modelDescriptors().encode(stripped), letter);
    }

    /**
     * A model message to publish again on the model topic as it was (key, value, headers), marked with
     * {@code header} = {@code after}; null when it would not fit in a record.
     */
    public OutputRecord republish(InputRecord accepted, String header, long after) {
        Headers headers = new RecordHeaders();
        accepted.headers().forEach(h -> {
            if (!h.key().equals(header)) {
                headers.add(h);
            }
        });
        headers.add(header, Long.toString(after).getBytes(StandardCharsets.UTF_8));
        OutputRecord out = new OutputRecord(topics.models(), accepted.key(), accepted.value(), headers, null);
        return out.size() <= maxBytes ? out : null;
    }

    /**
     * A model-topic message of a role change ({@link RoleChanges}), with {@code header} saying why; null when it
     * would not fit in a record.
     */
    public OutputRecord roleChange(RoleChanges.Message message, String header, String why) {
        Headers headers = new RecordHeaders();
        headers.add(header, why.getBytes(StandardCharsets.UTF_8));
        OutputRecord out = new OutputRecord(topics.models(), message.key().getBytes(StandardCharsets.UTF_8),
                message.encoded(), headers, null);
        return out.size() <= maxBytes ? out : null;
    }

    private OutputRecord deadLetter(InputRecord in, DeadLetter letter) {
        OutputRecord out = output(in, in.value(), letter);
        return out.size() <= maxBytes ? out : dropped(in, null, letter);
    }

    private OutputRecord dropped(InputRecord in, byte[] replacement, DeadLetter letter) {
        Headers headers = letter.addTo(carried(in.headers()));
        headers.add(DeadLetterHeaders.DROPPED_BYTES,
                Integer.toString(in.value() == null ? 0 : in.value().length).getBytes(StandardCharsets.UTF_8));
        OutputRecord out = new OutputRecord(topics.deadLetters(), in.key(), replacement, headers, letter);
        if (out.size() <= maxBytes) {
            return out;
        }
        // Even the key and headers are too large: keep only what says why and where from.
        Headers minimal = letter.addTo(new RecordHeaders());
        minimal.add(DeadLetterHeaders.DROPPED_BYTES, headers.lastHeader(DeadLetterHeaders.DROPPED_BYTES).value());
        return new OutputRecord(topics.deadLetters(), null, null, minimal, letter);
    }

    private OutputRecord output(InputRecord in, byte[] value, DeadLetter letter) {
        return new OutputRecord(topics.deadLetters(), in.key(), value, letter.addTo(carried(in.headers())), letter);
    }

    private static DeadLetter letter(DeadLetterKind kind, String reason, InputRecord in, String model,
                                     String dataType) {
        return new DeadLetter(kind, reason, in.origin().topic(), in.origin().partition(), in.origin().offset(),
                model, dataType);
    }

    /** The input's own headers (trace ids and the like), minus any of this library's. */
    private static Headers carried(Headers input) {
        Headers headers = new RecordHeaders();
        for (Header header : input) {
            if (!header.key().startsWith(DeadLetterHeaders.PREFIX)) {
                headers.add(header);
            }
        }
        return headers;
    }
}
