package io.modelserving.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelserving.Features;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelProcessor;
import io.modelserving.ModelRole;
import io.modelserving.ModelUpdate;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.ScoringResult;
import io.modelserving.Scorer;
import io.modelserving.ShadowResult;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.Decoded;
import io.modelserving.codec.RecordCodec;
import io.modelserving.testkit.TestModels;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecordServingTest {

    private static final ServingTopics TOPICS = ServingTopics.of("data", "models", "scored", "dlq");
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private final ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder()
            .factories(TestModels.factoriesWith(new EchoModelFactory())).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    private final List<Object> events = new CopyOnWriteArrayList<>();
    private final List<ShadowResult<?>> shadows = new CopyOnWriteArrayList<>();
    private final ServingListener listener = new ServingListener() {
        @Override
        public void shadowed(ShadowResult<?> shadow) {
            shadows.add(shadow);
        }

        @Override
        public void scored(ScoringResult<?> result) {
            events.add(result);
        }

        @Override
        public void deadLettered(DeadLetter letter) {
            events.add(letter);
        }

        @Override
        public void modelUpdated(ModelUpdate update) {
            events.add(update);
        }
    };
    private ServingCore<Features, Prediction> core;
    private long offset;

    @AfterEach
    void close() {
        if (core != null) {
            core.close();
        }
        processor.close();
    }

    private RecordServing<Features, Prediction> serving(RecordCodec<Features> in, RecordCodec<Prediction> out,
                                                        int maxBytes) {
        core = ServingCore.builder(ServingSpec.of(processor, in, out, Features::dataType)).topics(TOPICS)
                .listener(listener).maxOutputBytes(maxBytes).build();
        core.models().restoreEnded();
        return core.records();
    }

    private RecordServing<Features, Prediction> serving() {
        return serving(Codecs.features(), Codecs.predictions(), ServingCore.DEFAULT_MAX_OUTPUT_BYTES);
    }

    @Test
    void aCanaryTakesTheKeysItsShareNamesAndEveryEnvelopeCarriesTheShadow() {
        RecordServing<Features, Prediction> records = serving();
        processor.update(TestModels.constant("primary", "wine", 1.0));
        processor.update(TestModels.constant("canary", "wine", 2.0).withRole(ModelRole.CANARY, 30));
        processor.update(TestModels.constant("shadow", "wine", 3.0).withRole(ModelRole.SHADOW, 0));
        List<DecodedRecord<Features>> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            batch.add(records.decode(input("key-" + i, Codecs.features().encode(TestModels.features("wine", i)))));
        }

        List<OutputRecord> outputs = records.serve(batch);

        int canary = 0;
        for (int i = 0; i < outputs.size(); i++) {
            ScoredRecord<Features, Prediction> envelope = Codecs.scoredRecords(Codecs.features(), Codecs.predictions())
                    .decode(outputs.get(i).value()).get();
            boolean takes = Math.floorMod(Scorer.route(("key-" + i).getBytes(StandardCharsets.UTF_8)), 10_000) < 3_000;
            canary += takes ? 1 : 0;
            ScoringResult.Scored<Prediction> scored = (ScoringResult.Scored<Prediction>) envelope.result();
            assertThat(scored.model().role()).isEqualTo(takes ? ModelRole.CANARY : ModelRole.PRIMARY);
            assertThat(scored.value().value()).isEqualTo(takes ? 2.0 : 1.0);
            assertThat(envelope.shadow().model().name()).isEqualTo("shadow");
            assertThat(((ScoringResult.Scored<Prediction>) envelope.shadow().result()).value().value()).isEqualTo(3.0);
            assertThat(envelope.shadow().agrees()).isFalse();
        }
        assertThat(canary).isBetween(60, 180);
        assertThat(shadows).hasSize(400);
    }

    private InputRecord input(String key, byte[] value, String... headers) {
        RecordHeaders carried = new RecordHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            carried.add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return new InputRecord(key.getBytes(StandardCharsets.UTF_8), value, carried,
                new ScoredRecord.Origin("data", 1, offset++, NOW.toEpochMilli() - 5));
    }

    private static byte[] encode(Features features) {
        return Codecs.features().encode(features);
    }

    private static String header(OutputRecord out, String name) {
        var header = out.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void aScoredRecordIsTheEnvelopeWithTheInputsKeyHeadersAndTheProcessorsClock() {
        RecordServing<Features, Prediction> records = serving();
        processor.update(TestModels.constant("m1", "wine", 2.5));
        OutputRecord out = records.serve(records.decode(input("k1", encode(Features.positional("wine", 1.0)),
                "traceparent", "00-1", DeadLetterHeaders.REASON, "forged")));

        assertThat(out.topic()).isEqualTo("scored");
        assertThat(out.isDeadLetter()).isFalse();
        assertThat(new String(out.key(), StandardCharsets.UTF_8)).isEqualTo("k1");
        assertThat(header(out, "traceparent")).isEqualTo("00-1");
        assertThat(header(out, DeadLetterHeaders.REASON)).as("our own headers are never carried over").isNull();
        ScoredRecord<Features, Prediction> envelope =
                Codecs.scoredRecords(Codecs.features(), Codecs.predictions()).decode(out.value()).get();
        assertThat(envelope.scoredAtMillis()).isEqualTo(NOW.toEpochMilli());
        assertThat(envelope.origin()).isEqualTo(new ScoredRecord.Origin("data", 1, 0, NOW.toEpochMilli() - 5));
        assertThat(((ScoringResult.Scored<Prediction>) envelope.result()).value().value()).isEqualTo(2.5);
        assertThat(events).filteredOn(e -> e instanceof ScoringResult<?>).hasSize(1);
    }

    @Test
    void theEnvelopeCarriesTheInputAsItArrivedWhenItWritesInputsWithTheDataCodec() {
        processor.update(TestModels.constant("m1", "wine", 2.5));
        // Field 99, unknown to FeatureRecord: decoding drops it, so encoding the features again would lose it.
        byte[] canonical = encode(Features.positional("wine", 1.0));
        byte[] arrived = java.util.Arrays.copyOf(canonical, canonical.length + 3);
        arrived[canonical.length] = (byte) 0x98;
        arrived[canonical.length + 1] = 0x06;
        arrived[canonical.length + 2] = 0x01;
        RecordCodec<byte[]> raw = RecordCodec.of(bytes -> bytes, bytes -> bytes);
        RecordCodec<ScoredRecord<byte[], Prediction>> rawEnvelopes = Codecs.scoredRecords(raw, Codecs.predictions());

        RecordServing<Features, Prediction> records = serving();
        OutputRecord reused = records.serve(records.decode(input("k1", arrived)));
        assertThat(rawEnvelopes.decode(reused.value()).get().input()).as("the bytes as they arrived")
                .isEqualTo(arrived);
        core.close();

        // An envelope whose input codec is another one encodes the decoded input with it.
        RecordCodec<Features> another = RecordCodec.of(bytes -> Codecs.features().decode(bytes).get(),
                Codecs.features()::encode);
        core = ServingCore.builder(ServingSpec.of(processor, Codecs.features(), Codecs.predictions(),
                        Features::dataType).withScoredCodec(Codecs.scoredRecords(another, Codecs.predictions())))
                .topics(TOPICS).build();
        core.models().restoreEnded();
        OutputRecord encoded = core.records().serve(core.records().decode(input("k2", arrived)));
        assertThat(rawEnvelopes.decode(encoded.value()).get().input()).as("encoded again").isEqualTo(canonical);
    }

    @Test
    void theSpecsScoredCodecWritesTheEnvelopeAndDeadLettersKeepTheOriginalBytes() {
        RecordCodec<ScoredRecord<Features, Prediction>> text = RecordCodec.of(
                bytes -> { throw new UnsupportedOperationException("write only"); },
                scored -> (scored.result().dataType() + "="
                        + ((ScoringResult.Scored<Prediction>) scored.result()).value().value())
                        .getBytes(StandardCharsets.UTF_8));
        core = ServingCore.builder(ServingSpec.of(processor, Codecs.features(), Codecs.predictions(),
                Features::dataType).withScoredCodec(text)).topics(TOPICS).listener(listener).build();
        core.models().restoreEnded();
        RecordServing<Features, Prediction> records = core.records();
        processor.update(TestModels.constant("m1", "wine", 2.5));

        OutputRecord scored = records.serve(records.decode(input("k1", encode(Features.positional("wine", 1.0)))));
        byte[] beer = encode(Features.positional("beer", 1.0));
        OutputRecord noModel = records.serve(records.decode(input("k2", beer)));

        assertThat(new String(scored.value(), StandardCharsets.UTF_8)).isEqualTo("wine=2.5");
        assertThat(noModel.isDeadLetter()).isTrue();
        assertThat(noModel.value()).isEqualTo(beer);
    }

    @Test
    void aDataTypeWithNoModelLoadingIsDeadLetteredAtOnceUnderEitherPolicy() {
        RecordServing<Features, Prediction> records = serving();
        DecodedRecord<Features> beer = records.decode(input("b", encode(Features.positional("beer", 1.0))));
        assertThat(records.mustWaitFor(List.of(beer))).isEmpty();
        OutputRecord out = records.serve(beer);
        assertThat(out.deadLetter().kind()).isEqualTo(DeadLetterKind.NO_MODEL);
        assertThat(out.deadLetter().reason()).isEqualTo("no model for data type 'beer'");
        assertThat(out.deadLetter().dataType()).isEqualTo("beer");
        assertThat(events).contains(out.deadLetter());
    }

    @Test
    void aCodecThatThrowsGivesADeadLetterWithTheOriginalBytes() {
        RecordCodec<Features> throwing = new RecordCodec<>() {
            @Override
            public byte[] encode(Features value) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Decoded<Features> decode(byte[] bytes) {
                throw new IllegalStateException("codec bug");
            }
        };
        RecordServing<Features, Prediction> records = serving(throwing, Codecs.predictions(), 10_000);
        byte[] value = {1, 2, 3};
        OutputRecord out = records.serve(records.decode(input("k", value, "traceparent", "00-2")));
        assertThat(out.topic()).isEqualTo("dlq");
        assertThat(out.value()).isEqualTo(value);
        assertThat(out.deadLetter().kind()).isEqualTo(DeadLetterKind.DATA_UNDECODABLE);
        assertThat(out.deadLetter().reason()).isEqualTo("decoding failed: IllegalStateException: codec bug");
        assertThat(header(out, "traceparent")).isEqualTo("00-2");
    }

    @Test
    void anEncoderThatThrowsGivesAnOutputFailedDeadLetter() {
        RecordCodec<Prediction> throwing = new RecordCodec<>() {
            @Override
            public byte[] encode(Prediction value) {
                throw new NullPointerException("class probability is null");
            }

            @Override
            public Decoded<Prediction> decode(byte[] bytes) {
                return Decoded.failure("unused");
            }
        };
        RecordServing<Features, Prediction> records = serving(Codecs.features(), throwing, 10_000);
        processor.update(TestModels.constant("m1", "wine", 2.5));
        byte[] value = encode(Features.positional("wine", 1.0));
        OutputRecord out = records.serve(records.decode(input("k", value)));
        assertThat(out.deadLetter().kind()).isEqualTo(DeadLetterKind.OUTPUT_FAILED);
        assertThat(out.deadLetter().reason())
                .isEqualTo("encoding the scored record failed: NullPointerException: class probability is null");
        assertThat(out.deadLetter().model()).isEqualTo("m1");
        assertThat(out.value()).isEqualTo(value);
    }

    @Test
    void anOutputTooLargeToWriteBecomesADeadLetterThatFits() {
        RecordServing<Features, Prediction> records = serving(Codecs.features(), Codecs.predictions(), 2_000);
        processor.update(TestModels.constant("m1", "wine", 2.5));
        byte[] small = encode(Features.positional("wine", new double[100]));      // ~800 bytes
        byte[] large = encode(Features.positional("wine", new double[400]));      // ~3,200 bytes

        OutputRecord fits = records.serve(records.decode(input("s", small)));
        assertThat(fits.isDeadLetter()).isFalse();
        assertThat(fits.size()).isLessThanOrEqualTo(2_000);

        OutputRecord tooLarge = records.serve(records.decode(input("l", large, "traceparent", "00-3")));
        assertThat(tooLarge.deadLetter().kind()).isEqualTo(DeadLetterKind.OUTPUT_FAILED);
        assertThat(tooLarge.deadLetter().reason()).contains("more than the 2000 a record may take");
        assertThat(tooLarge.value()).as("the original bytes do not fit either").isNull();
        assertThat(header(tooLarge, DeadLetterHeaders.DROPPED_BYTES)).isEqualTo(Integer.toString(large.length));
        assertThat(header(tooLarge, "traceparent")).isEqualTo("00-3");
        assertThat(tooLarge.size()).isLessThanOrEqualTo(2_000);
    }

    @Test
    void aRejectedModelTooLargeToCarryIsDeadLetteredWithItsDescriptorWithoutTheModel() throws Exception {
        serving(Codecs.features(), Codecs.predictions(), 2_000);
        ModelMessages models = core.models();
        byte[] bytes = new byte[5_000];
        java.util.Arrays.fill(bytes, (byte) 'x');
        ModelDescriptor big = ModelDescriptor.builder("big", "wine", "constant").version("7").bytes(bytes).build();
        models.accept(new InputRecord("wine".getBytes(StandardCharsets.UTF_8),
                Codecs.modelDescriptors().encode(big), null, new ScoredRecord.Origin("models", 0, 3)));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (models.deadLettersAfter(p -> -1).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        OutputRecord out = models.deadLettersAfter(p -> -1).get(0).output();
        assertThat(out.deadLetter().kind()).isEqualTo(DeadLetterKind.MODEL_REJECTED);
        assertThat(out.deadLetter().model()).isEqualTo("big:7");
        assertThat(out.size()).isLessThanOrEqualTo(2_000);
        ModelDescriptor kept = Codecs.modelDescriptors().decode(out.value()).get();
        assertThat(kept.name()).isEqualTo("big");
        assertThat(kept.version()).isEqualTo("7");
        assertThat(header(out, DeadLetterHeaders.DROPPED_BYTES))
                .isEqualTo(Integer.toString(Codecs.modelDescriptors().encode(big).length));
        assertThat(out.deadLetter().reason()).as("a reason quoting the payload is cut").hasSize(1_000).endsWith("…");
    }

    @Test
    void aNonFiniteResultIsAFailedScoringDeadLettered() {
        RecordServing<Features, Prediction> records = serving();
        // The record's second value is the model's output: NaN.
        processor.update(ModelDescriptor.builder("echo", "wine", EchoModelFactory.MODEL_TYPE).bytes(new byte[1])
                .build());
        Features nan = new Features("wine", List.of(), new double[] {Double.NaN});
        OutputRecord out = records.serve(new DecodedRecord<>(input("k", new byte[] {1}), Decoded.value(nan), "wine"));
        assertThat(out.deadLetter().kind()).isEqualTo(DeadLetterKind.SCORING_FAILED);
        assertThat(out.deadLetter().reason()).contains("NaN");
        assertThat(out.deadLetter().model()).isEqualTo("echo");
    }

    /** Models that score a record as its first value, whatever it is. */
    static final class EchoModelFactory implements io.modelserving.spi.ModelFactory {
        static final String MODEL_TYPE = "echo";

        @Override
        public String modelType() {
            return MODEL_TYPE;
        }

        @Override
        public io.modelserving.Model<Features, Prediction> create(ModelDescriptor descriptor,
                                                                  io.modelserving.spi.ModelSource source) {
            return input -> Prediction.of(input.value(0));
        }
    }
}
