package io.modelserving.benchmarks.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.modelserving.Features;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelPayload;
import io.modelserving.Prediction;
import io.modelserving.benchmarks.OnnxModels;
import io.modelserving.codec.Codecs;
import io.modelserving.onnx.OnnxModel;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The large model of the swap benchmark is about 10 MB, takes one record of its workload as the small model does,
 * and is a new network in each version, so that a swap moves and loads a real new model.
 */
class LargeModelTest {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    @ParameterizedTest
    @EnumSource(WorkloadKind.class)
    void isAbout10MegabytesAndScoresOneRecordOfItsWorkload(WorkloadKind kind) throws OrtException {
        Workload workload = Workload.of(kind);
        ModelDescriptor large = SwapModel.LARGE.version(workload, 1);
        byte[] onnx = onnx(large);

        assertThat(onnx.length).isBetween(9_000_000, 11_000_000);
        assertThat(large.version()).isEqualTo("1");
        assertThat(large.dataType()).isEqualTo(workload.dataType());
        float[] scores = score(onnx, kind, decode(workload.value(0)));
        assertThat(scores).hasSize(kind == WorkloadKind.WINE ? 1 : 10);
        for (float score : scores) {
            assertThat(Float.isFinite(score)).as("%s is finite", score).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(WorkloadKind.class)
    void eachVersionIsANewNetwork(WorkloadKind kind) throws OrtException {
        Workload workload = Workload.of(kind);
        Features record = decode(workload.value(0));

        float[] one = score(onnx(SwapModel.LARGE.version(workload, 1)), kind, record);
        float[] two = score(onnx(SwapModel.LARGE.version(workload, 2)), kind, record);
        float[] oneAgain = score(onnx(SwapModel.LARGE.version(workload, 1)), kind, record);

        assertThat(two).isNotEqualTo(one);
        assertThat(oneAgain).isEqualTo(one);
    }

    @ParameterizedTest
    @EnumSource(WorkloadKind.class)
    void theLibraryServesIt(WorkloadKind kind) {
        Workload workload = Workload.of(kind);
        try (OnnxModel model = OnnxModel.load(onnx(SwapModel.LARGE.version(workload, 3)))) {
            List<Prediction> predictions = model.scoreBatch(List.of(decode(workload.value(1))));

            assertThat(predictions).hasSize(1);
            assertThat(Double.isFinite(predictions.get(0).value())).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(WorkloadKind.class)
    void theReportSaysHowLargeItIs(WorkloadKind kind) {
        assertThat(SwapModel.LARGE.source(Workload.of(kind))).contains("10.0 MB");
        assertThat(OnnxModels.hiddenWidth(11, 1, OnnxModels.LARGE_MODEL_BYTES)).isEqualTo(1574);
    }

    /** One row of the model's input shape: [1, 11] for wine, [1, 1, 784] for ffnn, as the workloads feed it. */
    private static float[] score(byte[] onnx, WorkloadKind kind, Features record) throws OrtException {
        float[] row = record.toFloats();
        long[] shape = kind == WorkloadKind.WINE ? new long[] {1, row.length} : new long[] {1, 1, row.length};
        try (OrtSession session = ENV.createSession(onnx, new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(row), shape);
             OrtSession.Result result = session.run(Map.of(session.getInputNames().iterator().next(), input))) {
            FloatBuffer scores = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] values = new float[scores.remaining()];
            scores.get(values);
            return values;
        }
    }

    private static byte[] onnx(ModelDescriptor model) {
        return ((ModelPayload.Bytes) model.payload()).data();
    }

    private static Features decode(byte[] value) {
        return Codecs.features().decode(value).get();
    }
}
