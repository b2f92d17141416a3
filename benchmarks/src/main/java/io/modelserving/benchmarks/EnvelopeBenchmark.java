package io.modelserving.benchmarks;

import com.google.protobuf.InvalidProtocolBufferException;
import io.modelserving.Features;
import io.modelserving.ModelInfo;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.ScoringResult;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.Decoded;
import io.modelserving.codec.RecordCodec;
import io.modelserving.codec.ScoredRecordCodec;
import io.modelserving.internal.proto.WireFormat;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The codec work every data record costs on the serving path, for one record of the 11 named wine features and for
 * one of the FFNN's 784 unnamed values: decoding and encoding the {@code FeatureRecord} (beside the same through the
 * message protoc generates, which the codec used to go through), and writing the scored envelope either with the
 * input encoded again or with the bytes the input arrived as (what the serving core does when the envelope writes
 * inputs with the data codec).
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar -f 1 -wi 2 -i 3 Envelope
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EnvelopeBenchmark {

    private final RecordCodec<Features> features = Codecs.features();
    private final ScoredRecordCodec<Features, Prediction> envelopes =
            new ScoredRecordCodec<>(features, Codecs.predictions());
    /** wine: 11 named features; ffnn: 784 unnamed values. */
    @Param({"wine", "ffnn"})
    public String record;

    private Features input;
    private byte[] arrived;
    private ScoredRecord<Features, Prediction> scored;

    @Setup
    public void setUp() {
        input = record.equals("wine") ? Records.wines(1, 3).get(0) : Records.uniform("ffnn", 1, 784, 3).get(0);
        arrived = features.encode(input);
        ModelInfo model = new ModelInfo("linear", "1", "onnx", input.dataType(), "", Instant.EPOCH);
        scored = new ScoredRecord<>(input,
                new ScoringResult.Scored<>(input.dataType(), Prediction.of(5.5), model, 1_000),
                Instant.now().toEpochMilli(), new ScoredRecord.Origin("data", 0, 42, Instant.now().toEpochMilli()));
    }

    @Benchmark
    public Decoded<Features> decodeFeatureRecord() {
        return features.decode(arrived);
    }

    /** The generated parser and the same checks' copying, as the codec decoded before it read fields itself. */
    @Benchmark
    public Features decodeThroughTheGeneratedMessage() throws InvalidProtocolBufferException {
        WireFormat.FeatureRecord wire = WireFormat.FeatureRecord.parseFrom(arrived);
        double[] values = new double[wire.getValuesCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = wire.getValues(i);
        }
        return new Features(wire.getDataType(), wire.getNamesList(), values);
    }

    @Benchmark
    public byte[] encodeFeatureRecord() {
        return features.encode(input);
    }

    /** The generated builder, as the codec encoded before it wrote fields itself. */
    @Benchmark
    public byte[] encodeThroughTheGeneratedMessage() {
        WireFormat.FeatureRecord.Builder wire = WireFormat.FeatureRecord.newBuilder()
                .setDataType(input.dataType()).addAllNames(input.names());
        for (double value : input.values()) {
            wire.addValues(value);
        }
        return wire.build().toByteArray();
    }

    @Benchmark
    public byte[] envelopeEncodingTheInputAgain() {
        return envelopes.encode(scored);
    }

    @Benchmark
    public byte[] envelopeOfTheInputAsItArrived() {
        return envelopes.encode(scored, arrived);
    }
}
