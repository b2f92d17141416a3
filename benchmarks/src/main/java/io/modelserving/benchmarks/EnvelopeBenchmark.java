package io.modelserving.benchmarks;

import io.modelserving.Features;
import io.modelserving.ModelInfo;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.ScoringResult;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.Decoded;
import io.modelserving.codec.RecordCodec;
import io.modelserving.codec.ScoredRecordCodec;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The codec work every data record costs on the serving path, for one record of the 11 named wine features:
 * decoding the {@code FeatureRecord}, and writing the scored envelope either with the input encoded again or
 * with the bytes the input arrived as (what the serving core does when the envelope writes inputs with the data
 * codec).
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
    private byte[] arrived;
    private ScoredRecord<Features, Prediction> scored;

    @Setup
    public void setUp() {
        Features wine = Records.wines(1, 3).get(0);
        arrived = features.encode(wine);
        ModelInfo model = new ModelInfo("linear", "1", "onnx", wine.dataType(), "", Instant.EPOCH);
        scored = new ScoredRecord<>(wine, new ScoringResult.Scored<>(wine.dataType(), Prediction.of(5.5), model, 1_000),
                Instant.now().toEpochMilli(), new ScoredRecord.Origin("wine", 0, 42, Instant.now().toEpochMilli()));
    }

    @Benchmark
    public Decoded<Features> decodeFeatureRecord() {
        return features.decode(arrived);
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
